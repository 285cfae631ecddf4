package io.sluice.analytics.format;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.analytics.type.SqlType;
import io.sluice.analytics.type.SqlTypeName;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a source schema must satisfy before an input or reference source is accepted. */
class SchemaValidationTest {

    private static final List<RecordColumn> ONE = List.of(new RecordColumn("A", SqlType.INTEGER, "$.a"));

    @Test
    void onlyUtf8IsAcceptedAsTheRecordEncoding() {
        assertThatCode(() -> RecordParser.validate(new SourceSchema(RecordFormat.json("$"), "UTF-8", ONE)))
                .doesNotThrowAnyException();
        assertThatCode(() -> RecordParser.validate(new SourceSchema(RecordFormat.json("$"), null, ONE)))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> RecordParser.validate(new SourceSchema(RecordFormat.json("$"), "ISO-8859-1", ONE)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("RecordEncoding 'ISO-8859-1' is not supported: only UTF-8 is");
    }

    @Test
    void jsonColumnsNeedAMappingAndTheFormatARowPath() {
        assertThatThrownBy(() -> RecordParser.validate(new SourceSchema(RecordFormat.json("$"), "UTF-8",
                List.of(new RecordColumn("A", SqlType.INTEGER, null)))))
                .hasMessageContaining("mapping of column A");
        assertThatThrownBy(() -> RecordParser.validate(new SourceSchema(RecordFormat.json(null), "UTF-8", ONE)))
                .hasMessageContaining("RecordRowPath");
        assertThatThrownBy(() -> RecordParser.validate(new SourceSchema(RecordFormat.json("$.a[0:].b"), "UTF-8", ONE)))
                .hasMessageContaining("last step");
    }

    @Test
    void csvNeedsTwoDistinctNonEmptyDelimiters() {
        assertThatThrownBy(() -> RecordParser.validate(Schemas.csv("", "\n", "A INTEGER")))
                .hasMessageContaining("RecordColumnDelimiter");
        assertThatThrownBy(() -> RecordParser.validate(Schemas.csv(",", ",", "A INTEGER")))
                .hasMessageContaining("must differ");
    }

    @Test
    void columnsAreOneToAThousandWithDistinctNamesAndColumnTypes() {
        assertThatThrownBy(() -> RecordParser.validate(new SourceSchema(RecordFormat.json("$"), "UTF-8", List.of())))
                .hasMessageContaining("between 1 and 1000");
        List<RecordColumn> many = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            many.add(new RecordColumn("C" + i, SqlType.INTEGER, "$.c" + i));
        }
        assertThatThrownBy(() -> RecordParser.validate(new SourceSchema(RecordFormat.json("$"), "UTF-8", many)))
                .hasMessageContaining("1001");
        assertThatThrownBy(() -> RecordParser.validate(Schemas.json("$", "A INTEGER $.a", "A INTEGER $.b")))
                .hasMessageContaining("names column A twice");
        assertThatThrownBy(() -> RecordParser.validate(new SourceSchema(RecordFormat.json("$"), "UTF-8",
                List.of(new RecordColumn("I", SqlType.of(SqlTypeName.INTERVAL_DAY_TIME), "$.i")))))
                .hasMessageContaining("cannot be the type of a column");
    }
}
