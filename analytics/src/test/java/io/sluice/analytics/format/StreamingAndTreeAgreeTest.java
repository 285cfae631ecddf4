package io.sluice.analytics.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The one-pass streaming reader and the tree reader give the same rows and errors for the same record (the
 * parser picks one or the other by schema; they must not differ in meaning), over randomly generated records.
 * Also a correctness check of the hot path over many stock-ticker records (no timing).
 */
class StreamingAndTreeAgreeTest {

    private static final SourceSchema SCHEMA = Schemas.json("$",
            "A_TEXT VARCHAR(64) $.a", "A_INT INTEGER $.a", "A_DEC DECIMAL(10,2) $.a", "A_BOOL BOOLEAN $.a",
            "BC DOUBLE $.b.c", "B_WHOLE VARCHAR(256) $.b", "BA VARCHAR(64) $.b.a", "A1 BIGINT $.a[1]",
            "SPACED VARCHAR(8) $['x y']", "DEEP VARCHAR(64) $.b.c.a[0]", "TS TIMESTAMP $.t");

    private static final String[] KEYS = {"a", "b", "c", "x y", "t"};

    @Test
    void bothReadersGiveTheSameRowsForRandomRecords() {
        long seed = System.nanoTime();
        System.out.println("StreamingAndTreeAgreeTest seed " + seed);
        Random random = new Random(seed);
        RecordParser streaming = new RecordParser(SCHEMA);
        CompiledSchema compiled = CompiledSchema.compile(SCHEMA, false);
        assertThat(compiled.streamable()).isTrue();
        JsonTreeRows tree = new JsonTreeRows(compiled);
        for (int i = 0; i < 2_000; i++) {
            String record = object(random, 0);
            byte[] bytes = record.getBytes(StandardCharsets.UTF_8);
            Collected fast = new Collected();
            streaming.parse(bytes, fast);
            Collected slow = new Collected();
            try {
                tree.emit(RecordParser.MAPPER.readTree(bytes), slow, bytes);
            } catch (java.io.IOException e) {
                throw new AssertionError(record, e);
            }
            assertThat(fast.errors).as("seed %d record %s", seed, record).isEqualTo(slow.errors);
            assertThat(fast.rows.size()).as("seed %d record %s", seed, record).isEqualTo(slow.rows.size());
            for (int r = 0; r < fast.rows.size(); r++) {
                assertThat(Arrays.deepEquals(fast.rows.get(r), slow.rows.get(r)))
                        .as("seed %d record %s: %s vs %s", seed, record, Arrays.deepToString(fast.rows.get(r)),
                                Arrays.deepToString(slow.rows.get(r)))
                        .isTrue();
            }
        }
    }

    private static String object(Random random, int depth) {
        StringBuilder out = new StringBuilder("{");
        int members = random.nextInt(5);
        for (int m = 0; m < members; m++) {
            out.append(m == 0 ? "" : ",").append('"').append(KEYS[random.nextInt(KEYS.length)]).append("\":")
                    .append(value(random, depth + 1));
        }
        return out.append('}').toString();
    }

    private static String value(Random random, int depth) {
        int kind = random.nextInt(depth > 3 ? 7 : 9);
        return switch (kind) {
            case 0 -> "null";
            case 1 -> random.nextBoolean() ? "true" : "false";
            case 2 -> Integer.toString(random.nextInt(2000) - 1000);
            case 3 -> Long.toString(random.nextLong());
            case 4 -> (random.nextInt(20000) - 10000) / 100 + "." + random.nextInt(100);
            case 5 -> List.of("\"x\"", "\"12\"", "\"true\"", "\"1992-02-14 18:35:44.0\"", "\"a long string value\"",
                    "\"84.51\"").get(random.nextInt(6));
            case 6 -> "123456789012345678901234567890";
            case 7 -> object(random, depth);
            default -> "[" + value(random, depth + 1) + "," + value(random, depth + 1) + "]";
        };
    }

    @Test
    void manyStockTickerRecordsParseToTheirExactValues() {
        RecordParser parser = new RecordParser(Schemas.json("$",
                "TICKER_SYMBOL VARCHAR(4) $.TICKER_SYMBOL", "SECTOR VARCHAR(16) $.SECTOR",
                "CHANGE REAL $.CHANGE", "PRICE REAL $.PRICE"));
        String[] tickers = {"QXZ", "AMZN", "BAC", "WSB"};
        long[] rows = new long[1];
        double[] priceSum = new double[1];
        RowHandler handler = new RowHandler() {
            @Override
            public void row(Object[] values) {
                rows[0]++;
                priceSum[0] += (Float) values[3];
            }

            @Override
            public void error(String message, byte[] data) {
                throw new AssertionError(message);
            }
        };
        double expected = 0;
        for (int i = 0; i < 200_000; i++) {
            float price = (i % 10_000) / 100f;
            expected += price;
            String record = "{\"TICKER_SYMBOL\":\"" + tickers[i % 4] + "\",\"SECTOR\":\"HEALTHCARE\",\"CHANGE\":-0.05,"
                    + "\"PRICE\":" + price + "}";
            parser.parse(record.getBytes(StandardCharsets.UTF_8), handler);
        }

        assertThat(rows[0]).isEqualTo(200_000);
        assertThat(priceSum[0]).isEqualTo(expected);
    }
}
