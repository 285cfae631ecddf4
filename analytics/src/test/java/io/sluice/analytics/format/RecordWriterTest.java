package io.sluice.analytics.format;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.analytics.type.Column;
import io.sluice.analytics.type.RowType;
import io.sluice.analytics.type.SqlType;
import io.sluice.analytics.type.SqlTypeName;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Destination records: KDA's JSON and CSV output, and round trips through the parser. */
class RecordWriterTest {

    private static final RowType TICKS = RowType.of(
            Column.of("TICKER_SYMBOL", SqlType.varchar(4)),
            Column.of("PRICE", SqlType.decimal(5, 2)),
            Column.of("CHANGE", SqlType.of(SqlTypeName.REAL)),
            Column.of("AVG_PRICE", SqlType.DOUBLE),
            Column.of("VOLUME", SqlType.BIGINT),
            Column.of("HOT", SqlType.BOOLEAN),
            Column.of("EVENT_TIME", SqlType.TIMESTAMP),
            Column.of("DAY", SqlType.DATE),
            Column.of("AT", SqlType.TIME),
            new Column("PARTITION_KEY", SqlType.varchar(8), true));

    private static final Object[] ROW = {"QXZ", new BigDecimal("84.50"), -0.05f, 84.51d, 12L, true,
            698_092_544_123L, 8079, 66_944_000, "hidden"};

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void jsonIsOneObjectWithTheVisibleColumnsInOrder() {
        String json = text(new RecordWriter(RecordFormatType.JSON, TICKS).write(ROW));

        assertThat(json).isEqualTo("{\"TICKER_SYMBOL\":\"QXZ\",\"PRICE\":84.50,\"CHANGE\":-0.05,\"AVG_PRICE\":84.51,"
                + "\"VOLUME\":12,\"HOT\":true,\"EVENT_TIME\":\"1992-02-14 18:35:44.123\",\"DAY\":\"1992-02-14\","
                + "\"AT\":\"18:35:44\"}");
    }

    @Test
    void jsonWritesNullsAsNullAndKeepsTheColumnsExactCase() {
        RowType type = RowType.of(Column.of("lower case", SqlType.INTEGER), Column.of("T", SqlType.TIMESTAMP));

        String json = text(new RecordWriter(RecordFormatType.JSON, type).write(new Object[] {null, null}));

        assertThat(json).isEqualTo("{\"lower case\":null,\"T\":null}");
    }

    @Test
    void csvIsOneCommaSeparatedLineWithNullsEmpty() {
        Object[] row = ROW.clone();
        row[4] = null;

        String csv = text(new RecordWriter(RecordFormatType.CSV, TICKS).write(row));

        assertThat(csv).isEqualTo("QXZ,84.50,-0.05,84.51,,true,1992-02-14 18:35:44.123,1992-02-14,18:35:44\n");
    }

    @Test
    void csvQuotesFieldsHoldingCommasQuotesOrLineBreaks() {
        RowType type = RowType.of(Column.of("A", SqlType.varchar(32)), Column.of("B", SqlType.varchar(32)),
                Column.of("C", SqlType.varchar(32)));

        String csv = text(new RecordWriter(RecordFormatType.CSV, type).write(new Object[] {"a,b", "say \"hi\"", "x\ny"}));

        assertThat(csv).isEqualTo("\"a,b\",\"say \"\"hi\"\"\",\"x\ny\"\n");
    }

    @Test
    void aJsonRecordReadsBackIntoTheSameValues() {
        RecordWriter writer = new RecordWriter(RecordFormatType.JSON, TICKS);
        RecordParser parser = new RecordParser(new SourceSchema(RecordFormat.json("$"), "UTF-8", List.of(
                new RecordColumn("TICKER_SYMBOL", SqlType.varchar(4), "$.TICKER_SYMBOL"),
                new RecordColumn("PRICE", SqlType.decimal(5, 2), "$.PRICE"),
                new RecordColumn("CHANGE", SqlType.of(SqlTypeName.REAL), "$.CHANGE"),
                new RecordColumn("AVG_PRICE", SqlType.DOUBLE, "$.AVG_PRICE"),
                new RecordColumn("VOLUME", SqlType.BIGINT, "$.VOLUME"),
                new RecordColumn("HOT", SqlType.BOOLEAN, "$.HOT"),
                new RecordColumn("EVENT_TIME", SqlType.TIMESTAMP, "$.EVENT_TIME"),
                new RecordColumn("DAY", SqlType.DATE, "$.DAY"),
                new RecordColumn("AT", SqlType.TIME, "$.AT"))));

        Collected out = new Collected();
        parser.parse(writer.write(ROW), out);

        assertThat(out.single()).containsExactly(List.of(ROW).subList(0, 9).toArray());
    }

    @Test
    void aCsvRecordReadsBackIntoTheSameValues() {
        RowType type = RowType.of(Column.of("A", SqlType.varchar(32)), Column.of("B", SqlType.INTEGER),
                Column.of("C", SqlType.TIMESTAMP), Column.of("D", SqlType.DOUBLE));
        Object[] row = {"x, \"y\"", null, 1_500_000_000_123L, 1.0e-7};
        RecordParser parser = new RecordParser(Schemas.csv(",", "\n",
                "A VARCHAR(32)", "B INTEGER", "C TIMESTAMP", "D DOUBLE"));

        Collected out = new Collected();
        parser.parse(new RecordWriter(RecordFormatType.CSV, type).write(row), out);

        assertThat(out.single()).containsExactly(row);
    }
}
