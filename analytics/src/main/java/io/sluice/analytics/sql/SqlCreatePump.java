package io.sluice.analytics.sql;

import org.apache.calcite.sql.SqlCreate;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code CREATE [OR REPLACE] PUMP name [DESCRIPTION 'text'] AS INSERT [EXPEDITED] INTO stream [(columns)] query}:
 * a continuous insert. The insert is an ordinary Calcite {@link SqlInsert} (target, optional column list, source
 * query); {@code EXPEDITED} is kept as {@link #expedited()} because {@code SqlInsert} has no keyword for it.
 *
 * <p>Threading: immutable once the parser has built it (the parser is its only writer); safe to read from any
 * thread. Do not call Calcite's {@code setReplace} or {@code setOperand} on it or its insert.
 */
public final class SqlCreatePump extends SqlCreate {

    private static final SqlOperator OPERATOR = new SqlSpecialOperator("CREATE PUMP", SqlKind.OTHER_DDL);

    private final SqlIdentifier name;
    private final String description;
    private final boolean expedited;
    private final SqlInsert insert;

    /** Built by the parser; {@code description} is null when the statement has none. */
    public SqlCreatePump(SqlParserPos pos, boolean replace, SqlIdentifier name, String description,
            boolean expedited, SqlInsert insert) {
        super(OPERATOR, pos, replace, false);
        this.name = Objects.requireNonNull(name, "name");
        this.description = description;
        this.expedited = expedited;
        this.insert = Objects.requireNonNull(insert, "insert");
    }

    /** The pump's name: upper-cased unless it was quoted. */
    public SqlIdentifier name() {
        return name;
    }

    public Optional<String> description() {
        return Optional.ofNullable(description);
    }

    /** Whether the insert said {@code INSERT EXPEDITED}. */
    public boolean expedited() {
        return expedited;
    }

    /**
     * The pump's insert: {@code getTargetTable()} (a {@code SqlIdentifier}), {@code getTargetColumnList()} (null if
     * none) and {@code getSource()} (a {@code SqlSelect}, or a {@code SqlOrderBy} around one).
     */
    public SqlInsert insert() {
        return insert;
    }

    /** Whether the statement said {@code OR REPLACE}. */
    public boolean replace() {
        return getReplace();
    }

    @Override
    public List<SqlNode> getOperandList() {
        return List.of(name, insert);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword(replace() ? "CREATE OR REPLACE PUMP" : "CREATE PUMP");
        name.unparse(writer, leftPrec, rightPrec);
        if (description != null) {
            writer.keyword("DESCRIPTION");
            SqlLiteral.createCharString(description, getParserPosition()).unparse(writer, 0, 0);
        }
        writer.keyword("AS");
        insert.unparse(writer, 0, 0);
    }
}
