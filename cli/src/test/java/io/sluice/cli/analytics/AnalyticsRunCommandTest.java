package io.sluice.cli.analytics;

import io.sluice.cli.SluiceCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AnalyticsRunCommandTest {

    private static final String TICKER_SCHEMA = """
            {"RecordFormat": {"RecordFormatType": "JSON",
                              "MappingParameters": {"JSONMappingParameters": {"RecordRowPath": "$"}}},
             "RecordEncoding": "UTF-8",
             "RecordColumns": [
               {"Name": "TICKER_SYMBOL", "Mapping": "$.ticker_symbol", "SqlType": "VARCHAR(4)"},
               {"Name": "SECTOR", "Mapping": "$.sector", "SqlType": "VARCHAR(16)"},
               {"Name": "PRICE", "Mapping": "$.price", "SqlType": "REAL"}]}
            """;

    private static final String FILTER_APP = """
            CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (ticker_symbol VARCHAR(4), price REAL);
            CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
                SELECT STREAM ticker_symbol, price FROM "SOURCE_SQL_STREAM_001" WHERE sector = 'TECHNOLOGY';
            """;

    @TempDir
    Path dir;

    private record Run(int exitCode, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }
    }

    private Run sluice(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = new CommandLine(new SluiceCommand());
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        int code = command.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private Path file(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private Run analytics(String code, String schema, String records, String... more) throws IOException {
        List<String> args = new ArrayList<>(List.of("analytics", "run", file("app.sql", code).toString(),
                "--schema", file("schema.json", schema).toString(),
                "--input", file("records.jsonl", records).toString()));
        args.addAll(Arrays.asList(more));
        return sluice(args.toArray(String[]::new));
    }

    @Test
    void theStockTickerFilterPrintsTheTechnologyRowsAsATable() throws IOException {
        Run run = analytics(FILTER_APP, TICKER_SCHEMA, """
                {"ticker_symbol": "AMZN", "sector": "TECHNOLOGY", "price": 84.5, "at": 1000}
                {"ticker_symbol": "XOM", "sector": "ENERGY", "price": 70.1, "at": 2000}

                {"ticker_symbol": "MSFT", "sector": "TECHNOLOGY", "price": 51.25, "at": 3000}
                """, "--time-field", "at");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.lines()).containsExactly(
                "DESTINATION_SQL_STREAM (2 rows)",
                "ROWTIME                  TICKER_SYMBOL  PRICE",
                "-----------------------  -------------  -----",
                "1970-01-01 00:00:01.000  AMZN           84.5",
                "1970-01-01 00:00:03.000  MSFT           51.25",
                "",
                "error_stream (0 rows)",
                "ROWTIME  ERROR_TIME  ERROR_LEVEL  ERROR_NAME  MESSAGE  DATA_ROWTIME  DATA_ROW  PUMP_NAME",
                "-------  ----------  -----------  ----------  -------  ------------  --------  ---------");
    }

    @Test
    void aTumblingWindowReplayedByTimeFieldEmitsEachSecondAtItsEndAndTheLastAtEndOfInput() throws IOException {
        Run run = analytics("""
                CREATE STREAM per_second (ticker VARCHAR(4), n BIGINT, avg_price REAL, max_price REAL);
                CREATE PUMP p AS INSERT INTO per_second
                    SELECT STREAM ticker_symbol, COUNT(*), AVG(price), MAX(price)
                    FROM SOURCE_SQL_STREAM_001
                    WHERE price > 10
                    GROUP BY ticker_symbol, STEP(SOURCE_SQL_STREAM_001.ROWTIME BY INTERVAL '1' SECOND);
                """, TICKER_SCHEMA, """
                {"ticker_symbol": "AMZN", "sector": "T", "price": 20, "at": "2026-12-05 10:00:00.100"}
                {"ticker_symbol": "AMZN", "sector": "T", "price": 5, "at": "2026-12-05 10:00:00.200"}
                {"ticker_symbol": "AMZN", "sector": "T", "price": 40, "at": "2026-12-05 10:00:00.900"}
                {"ticker_symbol": "IBM", "sector": "T", "price": 11, "at": "2026-12-05 10:00:01.500"}
                {"ticker_symbol": "AMZN", "sector": "T", "price": 12, "at": "2026-12-05 10:00:02.000"}
                """, "--time-field", "at", "--output", "json", "--stream", "PER_SECOND");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.lines()).containsExactly(
                "{\"stream\":\"PER_SECOND\",\"ROWTIME\":\"2026-12-05 10:00:01.000\",\"TICKER\":\"AMZN\",\"N\":2,"
                        + "\"AVG_PRICE\":30.0,\"MAX_PRICE\":40.0}",
                "{\"stream\":\"PER_SECOND\",\"ROWTIME\":\"2026-12-05 10:00:02.000\",\"TICKER\":\"IBM\",\"N\":1,"
                        + "\"AVG_PRICE\":11.0,\"MAX_PRICE\":11.0}",
                "{\"stream\":\"PER_SECOND\",\"ROWTIME\":\"2026-12-05 10:00:03.000\",\"TICKER\":\"AMZN\",\"N\":1,"
                        + "\"AVG_PRICE\":12.0,\"MAX_PRICE\":12.0}");
    }

    @Test
    void aReferenceTableFromAnInputDescriptionSchemaJoinsTheStream() throws IOException {
        Path reference = file("companies.csv", "AMZN,Amazon\nMSFT,Microsoft\n");
        Path referenceSchema = file("reference.json", """
                {"TableName": "CompanyName",
                 "S3ReferenceDataSource": {"BucketARN": "arn:aws:s3:::b", "FileKey": "companies.csv"},
                 "ReferenceSchema": {
                   "RecordFormat": {"RecordFormatType": "CSV", "MappingParameters": {"CSVMappingParameters":
                       {"RecordColumnDelimiter": ",", "RecordRowDelimiter": "\\n"}}},
                   "RecordColumns": [{"Name": "TICKER", "SqlType": "VARCHAR(4)"},
                                     {"Name": "COMPANY", "SqlType": "VARCHAR(20)"}]}}
                """);
        String input = """
                {"InputDescriptions": [{"NamePrefix": "PRICES",
                  "KinesisStreamsInputDescription": {"ResourceARN": "arn:aws:kinesis:us-east-1:1:stream/s"},
                  "InputParallelism": {"Count": 1},
                  "InputSchema": %s}]}
                """.formatted(TICKER_SCHEMA);

        Run run = analytics("""
                CREATE STREAM named (ticker VARCHAR(4), company VARCHAR(20), shard VARCHAR(64));
                CREATE PUMP p AS INSERT INTO named
                    SELECT STREAM s.ticker_symbol, c.company, s.SHARD_ID
                    FROM PRICES_001 AS s LEFT JOIN "CompanyName" AS c ON s.ticker_symbol = c.ticker;
                """, input, """
                {"ticker_symbol": "AMZN", "sector": "T", "price": 1, "at": 1000}
                {"ticker_symbol": "IBM", "sector": "T", "price": 1, "at": 2000}
                """, "--time-field", "at", "--reference", reference.toString(),
                "--reference-schema", referenceSchema.toString(), "--stream", "NAMED");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.lines()).containsExactly(
                "NAMED (2 rows)",
                "ROWTIME                  TICKER  COMPANY  SHARD",
                "-----------------------  ------  -------  --------------------",
                "1970-01-01 00:00:01.000  AMZN    Amazon   shardId-000000000000",
                "1970-01-01 00:00:02.000  IBM     null     shardId-000000000000");
    }

    @Test
    void aValueThatDoesNotFitItsColumnGoesToErrorStreamAndTheRunGoesOn() throws IOException {
        Run run = analytics(FILTER_APP, TICKER_SCHEMA, """
                {"ticker_symbol": "AMZN", "sector": "TECHNOLOGY", "price": "cheap", "at": 5000}
                {"ticker_symbol": "MSFT", "sector": "TECHNOLOGY", "price": 51.25, "at": 6000}
                """, "--time-field", "at", "--output", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.lines()).hasSize(2);
        assertThat(run.lines().get(0)).startsWith("{\"stream\":\"error_stream\",\"ROWTIME\":\"1970-01-01 00:00:05.000\","
                + "\"ERROR_TIME\":\"1970-01-01 00:00:05.000\",\"ERROR_LEVEL\":\"ERROR\",\"ERROR_NAME\":\"Data Exception\"")
                .contains("\"DATA_ROWTIME\":\"1970-01-01 00:00:05.000\"")
                .contains("\"DATA_ROW\":\"7b227469636b65725f73796d626f6c22")
                .contains("PRICE");
        assertThat(run.lines().get(1)).isEqualTo("{\"stream\":\"DESTINATION_SQL_STREAM\","
                + "\"ROWTIME\":\"1970-01-01 00:00:06.000\",\"TICKER_SYMBOL\":\"MSFT\",\"PRICE\":51.25}");
    }

    @Test
    void codeThatDoesNotCompileExitsWithTwoAndItsPosition() throws IOException {
        Run run = analytics("""
                CREATE STREAM out_stream (ticker VARCHAR(4));
                CREATE PUMP p AS INSERT INTO out_stream
                    SELECT STREAM no_such_column FROM SOURCE_SQL_STREAM_001;
                """, TICKER_SCHEMA, "");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).matches("(?s).*app\\.sql: line 3, column \\d+: .*NO_SUCH_COLUMN.*");
    }

    @Test
    void aSchemaFileWithoutColumnsExitsWithTwoNamingTheFile() throws IOException {
        Run run = analytics(FILTER_APP, "{\"RecordFormat\": {\"RecordFormatType\": \"JSON\"}}", "");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("schema.json").contains("RecordColumns");
    }

    @Test
    void aRecordWithoutTheTimeFieldExitsWithTwoNamingItsLine() throws IOException {
        Run run = analytics(FILTER_APP, TICKER_SCHEMA, """
                {"ticker_symbol": "AMZN", "sector": "TECHNOLOGY", "price": 1, "at": 1000}
                {"ticker_symbol": "AMZN", "sector": "TECHNOLOGY", "price": 1}
                """, "--time-field", "at");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("records.jsonl line 2").contains("no time field at");
    }

    @Test
    void anUnknownStreamNameIsRefusedWithTheStreamsThereAre() throws IOException {
        Run run = analytics(FILTER_APP, TICKER_SCHEMA, "", "--stream", "destination_sql_stream");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("DESTINATION_SQL_STREAM, error_stream");
    }

    @Test
    void aStaggerWindowStillOpenAtTheEndOfInputIsClosedThenAndSoIsAnOrderedSecond() throws IOException {
        Run run = analytics("""
                CREATE STREAM stag (ticker VARCHAR(4), n BIGINT);
                CREATE PUMP p AS INSERT INTO stag
                    SELECT STREAM ticker_symbol, COUNT(*) FROM SOURCE_SQL_STREAM_001
                    WINDOWED BY STAGGER (PARTITION BY ticker_symbol RANGE INTERVAL '1' MINUTE);
                CREATE STREAM ordered (ticker VARCHAR(4), price REAL);
                CREATE PUMP q AS INSERT INTO ordered
                    SELECT STREAM ticker_symbol, price FROM SOURCE_SQL_STREAM_001
                    ORDER BY FLOOR(ROWTIME TO SECOND), price DESC;
                """, TICKER_SCHEMA, """
                {"ticker_symbol": "AMZN", "sector": "T", "price": 1, "at": 20000}
                {"ticker_symbol": "AMZN", "sector": "T", "price": 3, "at": 20500}
                {"ticker_symbol": "IBM", "sector": "T", "price": 2, "at": 50000}
                """, "--time-field", "at", "--output", "json", "--stream", "STAG", "--stream", "ORDERED");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.lines()).containsExactlyInAnyOrder(
                "{\"stream\":\"ORDERED\",\"ROWTIME\":\"1970-01-01 00:00:20.500\",\"TICKER\":\"AMZN\",\"PRICE\":3.0}",
                "{\"stream\":\"ORDERED\",\"ROWTIME\":\"1970-01-01 00:00:20.500\",\"TICKER\":\"AMZN\",\"PRICE\":1.0}",
                "{\"stream\":\"ORDERED\",\"ROWTIME\":\"1970-01-01 00:00:50.000\",\"TICKER\":\"IBM\",\"PRICE\":2.0}",
                "{\"stream\":\"STAG\",\"ROWTIME\":\"1970-01-01 00:01:20.000\",\"TICKER\":\"AMZN\",\"N\":2}",
                "{\"stream\":\"STAG\",\"ROWTIME\":\"1970-01-01 00:01:50.000\",\"TICKER\":\"IBM\",\"N\":1}");
    }

    @Test
    void csvRecordsOfAnInputWithTwoInApplicationStreamsGoToThemInTurn() throws IOException {
        Run run = analytics("""
                CREATE STREAM both_streams (src VARCHAR(8), ticker VARCHAR(4), price REAL);
                CREATE PUMP a AS INSERT INTO both_streams SELECT STREAM 'first', ticker, price FROM PRICES_001;
                CREATE PUMP b AS INSERT INTO both_streams SELECT STREAM 'second', ticker, price FROM PRICES_002;
                """, """
                {"NamePrefix": "PRICES", "InputParallelism": {"Count": 2},
                 "KinesisFirehoseInput": {"ResourceARN": "arn:aws:firehose:us-east-1:1:deliverystream/d"},
                 "InputSchema": {
                   "RecordFormat": {"RecordFormatType": "CSV", "MappingParameters": {"CSVMappingParameters":
                       {"RecordColumnDelimiter": ",", "RecordRowDelimiter": "\\n"}}},
                   "RecordColumns": [{"Name": "TICKER", "SqlType": "VARCHAR(4)"},
                                     {"Name": "PRICE", "SqlType": "REAL"}]}}
                """, "AMZN,1.5\nIBM,2\nXOM,3\n", "--output", "json", "--stream", "BOTH_STREAMS");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.lines()).hasSize(3);
        assertThat(run.lines()).allSatisfy(line -> assertThat(line).startsWith("{\"stream\":\"BOTH_STREAMS\""));
        assertThat(run.lines().stream().map(line -> line.substring(line.indexOf("\"SRC\""))))
                .containsExactlyInAnyOrder("\"SRC\":\"first\",\"TICKER\":\"AMZN\",\"PRICE\":1.5}",
                        "\"SRC\":\"second\",\"TICKER\":\"IBM\",\"PRICE\":2.0}",
                        "\"SRC\":\"first\",\"TICKER\":\"XOM\",\"PRICE\":3.0}");
    }

    @Test
    void aTimeFieldIsRefusedForCsvRecords() throws IOException {
        Run run = analytics(FILTER_APP, """
                {"RecordFormat": {"RecordFormatType": "CSV"},
                 "RecordColumns": [{"Name": "TICKER_SYMBOL", "SqlType": "VARCHAR(4)"},
                                   {"Name": "SECTOR", "SqlType": "VARCHAR(16)"},
                                   {"Name": "PRICE", "SqlType": "REAL"}]}
                """, "AMZN,TECHNOLOGY,1\n", "--time-field", "at");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--time-field needs JSON records");
    }
}
