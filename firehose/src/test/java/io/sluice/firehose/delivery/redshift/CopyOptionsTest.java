package io.sluice.firehose.delivery.redshift;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CopyOptionsTest {

    @Test
    void noOptionsMeanRedshiftsPipeDelimitedText() {
        CopyOptions o = CopyOptions.parse(null);
        assertThat(o.format()).isEqualTo(CopyOptions.Format.TEXT);
        assertThat(o.delimiter()).isEqualTo('|');
        assertThat(new CopyInput(o).withOptions()).isEqualTo("FORMAT text, DELIMITER '|', NULL '\\\\N'");
    }

    @Test
    void csvTakesItsQuoteDelimiterAndNullAs() {
        CopyOptions o = CopyOptions.parse("csv quote as '''' delimiter as ';' null as 'NA';");
        assertThat(o.format()).isEqualTo(CopyOptions.Format.CSV);
        assertThat(new CopyInput(o).withOptions())
                .isEqualTo("FORMAT csv, DELIMITER ';', QUOTE '''', NULL 'NA'");
    }

    @Test
    void formatAsJsonAndJsonAutoAreTheSame() {
        assertThat(CopyOptions.parse("FORMAT AS JSON 'auto'")).isEqualTo(CopyOptions.parse("JSON 'auto'"));
        assertThat(CopyOptions.parse("json 'auto ignorecase'").ignoreCase()).isTrue();
        assertThat(new CopyInput(CopyOptions.parse("JSON 'auto'")).withOptions()).isEqualTo("FORMAT csv");
    }

    @Test
    void aTabDelimiterCanBeWrittenAsBackslashT() {
        assertThat(CopyOptions.parse("delimiter '\\t'").delimiter()).isEqualTo('\t');
    }

    @Test
    void optionsWithoutMeaningInPostgresqlAreIgnoredAndListed() {
        CopyOptions o = CopyOptions.parse("CSV TIMEFORMAT 'auto' DATEFORMAT AS 'auto' COMPUPDATE OFF STATUPDATE");
        assertThat(o.ignored()).containsExactly("TIMEFORMAT 'auto'", "DATEFORMAT 'auto'", "COMPUPDATE OFF",
                "STATUPDATE");
    }

    @Test
    void optionsSluiceCannotHonourAreRefusedByName() {
        for (String options : List.of("LZOP", "FIXEDWIDTH 'a:3'", "MAXERROR 10", "IGNOREHEADER 1", "BZIP2",
                "TRUNCATECOLUMNS")) {
            assertThatThrownBy(() -> CopyOptions.parse(options)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(options.split(" ")[0]).hasMessageContaining("not supported");
        }
        assertThatThrownBy(() -> CopyOptions.parse("JSON 's3://bucket/jsonpaths.json'"))
                .hasMessageContaining("JSONPaths");
        assertThatThrownBy(() -> CopyOptions.parse("DELIMITER '||'")).hasMessageContaining("one character");
        assertThatThrownBy(() -> CopyOptions.parse("JSON 'auto' DELIMITER ','")).hasMessageContaining("JSON");
        assertThatThrownBy(() -> CopyOptions.parse("CSV ESCAPE")).hasMessageContaining("ESCAPE");
        assertThatThrownBy(() -> CopyOptions.parse("NULL AS 'x")).hasMessageContaining("unterminated");
    }

    @Test
    void withoutEscapeBackslashesArePlainCharactersAndWithItEscapes() throws Exception {
        byte[] records = "a\\b|\\N\n".getBytes(StandardCharsets.UTF_8);
        assertThat(new String(new CopyInput(CopyOptions.parse("")).rows(records, List.of()), StandardCharsets.UTF_8))
                .isEqualTo("a\\\\b|\\\\N\n");
        assertThat(new CopyInput(CopyOptions.parse("ESCAPE")).rows(records, List.of())).isEqualTo(records);
        assertThat(new CopyInput(CopyOptions.parse("ESCAPE")).withOptions())
                .isEqualTo("FORMAT text, DELIMITER '|', NULL '\\N'");
    }

    @Test
    void jsonAutoRefusesRecordsThatAreNotJsonObjects() {
        CopyInput input = new CopyInput(CopyOptions.parse("JSON 'auto'"));
        assertThatThrownBy(() -> input.rows("[1,2]".getBytes(StandardCharsets.UTF_8), List.of("a")))
                .isInstanceOf(BadRowsException.class).hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> input.rows("{\"a\":".getBytes(StandardCharsets.UTF_8), List.of("a")))
                .isInstanceOf(BadRowsException.class).hasMessageContaining("Invalid JSON");
    }

    @Test
    void tableNamesAndColumnsMustBeIdentifiers() {
        TableTarget t = TableTarget.parse("analytics.\"Events\"", " id, \"Name\" ,ts");
        assertThat(t.columns()).containsExactly("id", "\"Name\"", "ts");
        assertThat(t.copySql("FORMAT csv")).isEqualTo("COPY analytics.\"Events\" (id, \"Name\", ts) FROM STDIN "
                + "WITH (FORMAT csv)");
        assertThat(TableTarget.storedName("\"Name\"")).isEqualTo("Name");
        assertThat(TableTarget.storedName("TS")).isEqualTo("ts");
        assertThatThrownBy(() -> TableTarget.parse("t; DROP TABLE x", null)).hasMessageContaining("DataTableName");
        assertThatThrownBy(() -> TableTarget.parse("t", "a, b)")).hasMessageContaining("DataTableColumns");
        assertThatThrownBy(() -> TableTarget.parse("t", "a,")).hasMessageContaining("DataTableColumns");
    }
}
