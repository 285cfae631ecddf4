package io.sluice.analytics.plan;

import io.sluice.analytics.ml.TableFunctions;
import io.sluice.analytics.program.Catalog;
import io.sluice.analytics.program.CodeValidationException;
import io.sluice.analytics.program.CompiledProgram;
import io.sluice.analytics.program.SqlCompiler;
import io.sluice.analytics.sql.KdaSqlParser;
import io.sluice.analytics.sql.SqlCreatePump;
import io.sluice.analytics.sql.SqlCreateStream;
import io.sluice.analytics.sql.StreamColumn;
import io.sluice.analytics.type.Column;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;

import java.util.ArrayList;
import java.util.List;

/**
 * KDA SQL's compiler: parses application code with {@link KdaSqlParser} and plans it onto the push-based runtime
 * ({@link io.sluice.analytics.runtime}). Application code is a list of {@code CREATE [OR REPLACE] STREAM} and
 * {@code CREATE [OR REPLACE] PUMP ... AS INSERT INTO ... SELECT STREAM ...} statements; anything else is refused
 * by name with its position.
 *
 * <p><b>Threading</b>: immutable and thread-safe; compiling has no side effects.
 */
public final class KdaCompiler implements SqlCompiler {

    private final KdaSqlParser parser = new KdaSqlParser();
    private final FunctionLibrary functions;
    private final TableFunctions tableFunctions;

    /** The compiler over KDA's whole function catalogue and table functions (forests seeded at random). */
    public KdaCompiler() {
        this(new BuiltInFunctions(), new TableFunctions());
    }

    /**
     * @param functions      every scalar and aggregate function, operator and cast the SQL may use
     * @param tableFunctions the table functions ({@code TABLE(FN(CURSOR(...), ...))})
     */
    public KdaCompiler(FunctionLibrary functions, TableFunctions tableFunctions) {
        this.functions = functions;
        this.tableFunctions = tableFunctions;
    }

    @Override
    public void check(String code) throws CodeValidationException {
        List<SqlNode> statements = parser.parseProgram(code);
        Checker checker = new Checker(functions);
        try {
            for (SqlNode statement : statements) {
                if (statement instanceof SqlCreateStream stream) {
                    columns(stream);
                } else if (statement instanceof SqlCreatePump pump) {
                    checker.query(pump.insert().getSource());
                } else {
                    refuse(statement);
                }
            }
        } catch (PlanningException e) {
            throw e.toValidation();
        }
    }

    @Override
    public CompiledProgram compile(String code, Catalog catalog) throws CodeValidationException {
        List<SqlNode> statements = parser.parseProgram(code);
        try {
            List<ProgramPlanner.StreamDefinition> streams = new ArrayList<>();
            List<ProgramPlanner.PumpDefinition> pumps = new ArrayList<>();
            for (SqlNode statement : statements) {
                if (statement instanceof SqlCreateStream stream) {
                    streams.add(new ProgramPlanner.StreamDefinition(stream.name().getSimple(), columns(stream),
                            stream.replace(), stream.name()));
                } else if (statement instanceof SqlCreatePump pump) {
                    pumps.add(new ProgramPlanner.PumpDefinition(pump.name().getSimple(), pump.insert(),
                            pump.replace(), pump.name()));
                } else {
                    refuse(statement);
                }
            }
            ExprCompiler exprs = new ExprCompiler(functions, RunClock.CHECKING);
            return new ProgramPlanner(exprs, tableFunctions).plan(streams, pumps, catalog);
        } catch (PlanningException e) {
            throw e.toValidation();
        }
    }

    private static List<Column> columns(SqlCreateStream stream) {
        List<Column> columns = new ArrayList<>();
        for (StreamColumn c : stream.columns()) {
            if (c.name().getSimple().equals(Scope.ROWTIME)) {
                throw new PlanningException("ROWTIME is a column every stream has; it cannot be declared", c.name());
            }
            columns.add(Column.of(c.name().getSimple(), ExprCompiler.type(c.type())));
        }
        return columns;
    }

    private static void refuse(SqlNode statement) {
        String what = statement.getKind() == SqlKind.INSERT
                ? "an INSERT outside CREATE PUMP (a continuous insert is CREATE PUMP ... AS INSERT INTO ...)"
                : statement.getKind() == SqlKind.SELECT || statement.getKind() == SqlKind.ORDER_BY
                ? "a SELECT outside CREATE PUMP (application code inserts into streams through pumps)"
                : "the statement " + statement.getKind();
        throw new PlanningException(what + " is not supported in application code", statement);
    }
}
