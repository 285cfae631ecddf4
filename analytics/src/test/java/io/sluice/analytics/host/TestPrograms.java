package io.sluice.analytics.host;

import io.sluice.analytics.program.Catalog;
import io.sluice.analytics.program.CodeValidationException;
import io.sluice.analytics.program.CompiledProgram;
import io.sluice.analytics.program.ProgramContext;
import io.sluice.analytics.program.ProgramRun;
import io.sluice.analytics.program.SqlCompiler;
import io.sluice.analytics.type.Column;
import io.sluice.analytics.type.RowType;
import io.sluice.analytics.type.SqlType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A compiler double whose "code" names one of three programs, each writing DESTINATION_SQL_STREAM with the visible
 * input columns plus IN_STREAM (the in-application input stream the row came from) and REF:
 * <ul>
 *   <li>{@code COPY}: every input row at once;</li>
 *   <li>{@code HOLD}: every input row once a rowtime bound passes it (retained floor = the oldest row held);</li>
 *   <li>{@code REF}: every input row at once, REF = the second column of reference table {@code T}'s row whose
 *       first column equals the row's first column (null when none);</li>
 *   <li>{@code SRC}: every input row at once, REF = its hidden source columns joined by {@code /}.</li>
 * </ul>
 * Any other code fails to compile. Counts every push, so tests can see what was read.
 */
final class TestPrograms implements SqlCompiler {

    static final String OUT = "DESTINATION_SQL_STREAM";

    int pushes;

    @Override
    public void check(String code) throws CodeValidationException {
        if (!List.of("COPY", "HOLD", "REF", "SRC").contains(code)) {
            throw new CodeValidationException("unknown program " + code, 1, 1);
        }
    }

    @Override
    public CompiledProgram compile(String code, Catalog catalog) throws CodeValidationException {
        check(code);
        RowType input = catalog.inputStreams().values().iterator().next();
        List<Column> columns = new ArrayList<>(input.visible());
        columns.add(Column.of("IN_STREAM", SqlType.varchar(64)));
        columns.add(Column.of("REF", SqlType.varchar(64)));
        RowType out = new RowType(columns);
        int visible = input.visible().size();
        return new CompiledProgram() {
            @Override
            public Map<String, RowType> streams() {
                return Map.of(OUT, out);
            }

            @Override
            public ProgramRun start(ProgramContext context) {
                return new Run(code, context, visible);
            }
        };
    }

    private final class Run implements ProgramRun {
        private final String code;
        private final ProgramContext context;
        private final int visible;
        private final Map<String, List<Object[]>> tables;
        private final List<Object[]> held = new ArrayList<>();
        private final List<Long> heldRowtimes = new ArrayList<>();
        private long last = Long.MIN_VALUE;

        Run(String code, ProgramContext context, int visible) {
            this.code = code;
            this.context = context;
            this.visible = visible;
            this.tables = new HashMap<>(context.referenceTables());
        }

        @Override
        public void push(String inputStream, long rowtime, Object[] values) {
            pushes++;
            last = Math.max(last, rowtime);
            Object[] row = Arrays.copyOf(values, visible + 2);
            row[visible] = inputStream;
            row[visible + 1] = switch (code) {
                case "REF" -> lookup(values[0]);
                case "SRC" -> String.join("/", Arrays.stream(values, visible, values.length)
                        .map(String::valueOf).toList());
                default -> null;
            };
            if (code.equals("HOLD")) {
                held.add(row);
                heldRowtimes.add(last);
            } else {
                context.sink().accept(OUT, last, row);
            }
        }

        private Object lookup(Object key) {
            for (Object[] ref : tables.getOrDefault("T", List.of())) {
                if (Objects.equals(String.valueOf(ref[0]), String.valueOf(key))) {
                    return ref[1];
                }
            }
            return null;
        }

        @Override
        public void advance(long rowtime) {
            last = Math.max(last, rowtime);
            while (!held.isEmpty() && heldRowtimes.getFirst() < rowtime) {
                context.sink().accept(OUT, heldRowtimes.removeFirst(), held.removeFirst());
            }
        }

        @Override
        public void replaceReferenceTable(String table, List<Object[]> rows) {
            tables.put(table, rows);
        }

        @Override
        public long retainedFloor() {
            return heldRowtimes.isEmpty() ? Long.MAX_VALUE : heldRowtimes.getFirst();
        }

        @Override
        public void close() {
        }
    }
}
