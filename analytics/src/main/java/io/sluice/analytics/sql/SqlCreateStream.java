package io.sluice.analytics.sql;

import org.apache.calcite.sql.SqlCreate;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code CREATE [OR REPLACE] STREAM name (column type [NOT NULL] [, ...]) [DESCRIPTION 'text']}: declares an
 * in-application stream. The statement's position is {@link #getParserPosition()}; each name carries its own.
 *
 * <p>Threading: immutable once the parser has built it (the parser is its only writer); safe to read from any
 * thread. Do not call Calcite's {@code setReplace} or {@code setOperand} on it.
 */
public final class SqlCreateStream extends SqlCreate {

    private static final SqlOperator OPERATOR = new SqlSpecialOperator("CREATE STREAM", SqlKind.OTHER_DDL);

    private final SqlIdentifier name;
    private final List<StreamColumn> columns;
    private final String description;

    /** Built by the parser; {@code description} is null when the statement has none. */
    public SqlCreateStream(SqlParserPos pos, boolean replace, SqlIdentifier name, List<StreamColumn> columns,
            String description) {
        super(OPERATOR, pos, replace, false);
        this.name = Objects.requireNonNull(name, "name");
        this.columns = List.copyOf(columns);
        this.description = description;
    }

    /** The stream's name: upper-cased unless it was quoted. */
    public SqlIdentifier name() {
        return name;
    }

    /** The declared columns, in order. */
    public List<StreamColumn> columns() {
        return columns;
    }

    public Optional<String> description() {
        return Optional.ofNullable(description);
    }

    /** Whether the statement said {@code OR REPLACE}. */
    public boolean replace() {
        return getReplace();
    }

    /** The name, then the column names, then the column types (so visitors reach every identifier). */
    @Override
    public List<SqlNode> getOperandList() {
        return List.of(name,
                new SqlNodeList(columns.stream().map(StreamColumn::name).toList(), getParserPosition()),
                new SqlNodeList(columns.stream().map(StreamColumn::type).toList(), getParserPosition()));
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword(replace() ? "CREATE OR REPLACE STREAM" : "CREATE STREAM");
        name.unparse(writer, leftPrec, rightPrec);
        SqlWriter.Frame frame = writer.startList("(", ")");
        for (StreamColumn column : columns) {
            writer.sep(",");
            column.name().unparse(writer, 0, 0);
            column.type().unparse(writer, 0, 0);
        }
        writer.endList(frame);
        if (description != null) {
            writer.keyword("DESCRIPTION");
            SqlLiteral.createCharString(description, getParserPosition()).unparse(writer, 0, 0);
        }
    }
}
