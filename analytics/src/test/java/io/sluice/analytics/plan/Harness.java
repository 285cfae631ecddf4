package io.sluice.analytics.plan;

import io.sluice.analytics.program.Catalog;
import io.sluice.analytics.program.CompiledProgram;
import io.sluice.analytics.program.ErrorRow;
import io.sluice.analytics.program.ProgramContext;
import io.sluice.analytics.program.ProgramRun;
import io.sluice.analytics.type.Column;
import io.sluice.analytics.type.RowType;
import io.sluice.analytics.type.SqlType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Compiles and starts a program over fixed inputs, collecting what it emits. Test support. */
final class Harness {

    /** One emitted row: its stream, ROWTIME and values. */
    record Out(String stream, long rowtime, List<Object> values) {
        static Out of(String stream, long rowtime, Object... values) {
            return new Out(stream, rowtime, Arrays.asList(values));
        }
    }

    static final String SOURCE = "SOURCE_SQL_STREAM_001";

    /** The getting-started stock ticker input, with the hidden arrival time a Kinesis source adds. */
    static final RowType TICKER = RowType.of(
            Column.of("TICKER_SYMBOL", SqlType.varchar(4)),
            Column.of("SECTOR", SqlType.varchar(16)),
            Column.of("CHANGE", SqlType.parse("REAL")),
            Column.of("PRICE", SqlType.parse("REAL")),
            new Column("APPROXIMATE_ARRIVAL_TIME", SqlType.TIMESTAMP, true));

    final List<Out> rows = new ArrayList<>();
    final List<ErrorRow> errors = new ArrayList<>();
    final CompiledProgram program;
    final ProgramRun run;

    Harness(String code, Catalog catalog) throws Exception {
        this(code, catalog, Map.of());
    }

    Harness(String code, Catalog catalog, Map<String, List<Object[]>> tables) throws Exception {
        this(new KdaCompiler().compile(code, catalog), tables);
    }

    /** A fresh run of an already compiled program. */
    Harness(CompiledProgram program, Map<String, List<Object[]>> tables) {
        this.program = program;
        run = program.start(new ProgramContext((stream, rowtime, values) ->
                rows.add(new Out(stream, rowtime, Arrays.asList(values))), errors::add, tables, () -> 42L));
    }

    static Harness ticker(String code) throws Exception {
        return new Harness(code, new Catalog(Map.of(SOURCE, TICKER), Map.of()));
    }

    Harness push(long rowtime, Object... values) {
        run.push(SOURCE, rowtime, values);
        return this;
    }

    Harness tick(long rowtime, String ticker, String sector, double change, double price) {
        return push(rowtime, ticker, sector, (float) change, (float) price, rowtime - 5);
    }
}
