<#--
  KDA SQL additions to Calcite's grammar. Plain JavaCC 4 action code: no lambdas, no diamonds.
  KdaTableOverOpt and KdaWindowedBy are reached through the two edits the build makes to Parser.jj
  (analytics/pom.xml, edit-calcite-parser-template); the others through config.fmpp's hooks.
-->

/**
 * Parses the rest of CREATE [OR REPLACE] STREAM name (column type [NOT NULL] [, ...]) [DESCRIPTION 'text'].
 */
SqlCreate KdaCreateStream(Span s, boolean replace) :
{
    final SqlIdentifier name;
    final List<StreamColumn> columns = new ArrayList<StreamColumn>();
    String description = null;
}
{
    <STREAM> name = SimpleIdentifier()
    <LPAREN>
    KdaAddStreamColumn(columns)
    ( <COMMA> KdaAddStreamColumn(columns) )*
    <RPAREN>
    [ <DESCRIPTION> description = SimpleStringLiteral() ]
    {
        return new SqlCreateStream(s.end(this), replace, name, columns, description);
    }
}

/** Parses one column: name type [NOT NULL | NULL]; the nullability, when stated, is kept on the type. */
void KdaAddStreamColumn(List<StreamColumn> columns) :
{
    final SqlIdentifier name;
    SqlDataTypeSpec type;
}
{
    name = SimpleIdentifier() type = DataType()
    [
        <NOT> <NULL> { type = type.withNullable(false); }
    |
        <NULL> { type = type.withNullable(true); }
    ]
    {
        columns.add(new StreamColumn(name, type));
    }
}

/**
 * Parses the rest of CREATE [OR REPLACE] PUMP name [DESCRIPTION 'text']
 * AS INSERT [EXPEDITED] INTO stream [(column [, ...])] query.
 */
SqlCreate KdaCreatePump(Span s, boolean replace) :
{
    final SqlIdentifier name;
    String description = null;
    boolean expedited = false;
    final Span insert;
    final SqlIdentifier target;
    SqlNodeList columns = null;
    final SqlNode source;
}
{
    <PUMP> name = SimpleIdentifier()
    [ <DESCRIPTION> description = SimpleStringLiteral() ]
    <AS> <INSERT> { insert = span(); }
    [ <EXPEDITED> { expedited = true; } ]
    <INTO> target = CompoundIdentifier()
    [ LOOKAHEAD(2) columns = ParenthesizedSimpleIdentifierList() ]
    source = OrderedQueryOrExpr(ExprContext.ACCEPT_QUERY)
    {
        return new SqlCreatePump(s.end(this), replace, name, description, expedited,
            new SqlInsert(insert.end(source), new SqlNodeList(insert.pos()), target, source, columns));
    }
}

/**
 * Parses STEP(value BY width), KDA's rounding down to a multiple of width.
 */
SqlNode KdaStepFunctionCall() :
{
    final Span s;
    final SqlNode value;
    final SqlNode width;
}
{
    <STEP> { s = span(); } <LPAREN>
    value = Expression(ExprContext.ACCEPT_NON_QUERY)
    <BY>
    width = Expression(ExprContext.ACCEPT_NON_QUERY)
    <RPAREN>
    {
        return KdaOperators.STEP.createCall(s.end(this), value, width);
    }
}

/**
 * Parses the window of a stream-to-stream join, an OVER clause after a table reference:
 * JOIN s OVER (RANGE INTERVAL '1' MINUTE PRECEDING) AS t. Returns null when there is none.
 */
SqlNode KdaTableOverOpt() :
{
    final SqlWindow window;
}
{
    <OVER> window = WindowSpecification() { return window; }
|
    { return null; }
}

/**
 * Parses WINDOWED BY STAGGER (PARTITION BY key [, ...] RANGE INTERVAL 'n' unit), which takes GROUP BY's
 * place, as a group-by list holding one STAGGER call.
 */
SqlNodeList KdaWindowedBy() :
{
    final Span s;
    final Span partition;
    final SqlNodeList keys;
    final SqlNode range;
    final SqlNode stagger;
}
{
    <WINDOWED> { s = span(); } <BY> <STAGGER> <LPAREN>
    <PARTITION> { partition = span(); } <BY>
    keys = ExpressionCommaList(partition, ExprContext.ACCEPT_NON_QUERY)
    <RANGE> range = IntervalLiteral()
    <RPAREN>
    {
        stagger = KdaOperators.STAGGER.createCall(s.end(this), keys, range);
        return new SqlNodeList(Collections.singletonList(stagger), stagger.getParserPosition());
    }
}
