package io.sluice.analytics.app;

import io.sluice.analytics.format.RecordColumn;
import io.sluice.analytics.format.RecordFormat;
import io.sluice.analytics.format.RecordFormatType;
import io.sluice.analytics.format.SourceSchema;
import io.sluice.analytics.type.SqlType;

import java.util.List;

/** Application definitions for the tests. */
final class Definitions {

    static final String CODE = "CREATE OR REPLACE STREAM \"DEST\" (ticker VARCHAR(4));";
    static final SourceSchema SCHEMA = new SourceSchema(RecordFormat.json("$"), "UTF-8",
            List.of(new RecordColumn("ticker", SqlType.varchar(4), "$.ticker"),
                    new RecordColumn("price", SqlType.decimal(10, 2), "$.price")));

    private Definitions() {
    }

    static InputConfig input(String id) {
        return new InputConfig(id, "SOURCE_SQL_STREAM", 1, SourceKind.KINESIS_STREAM,
                "arn:aws:kinesis:us-east-1:000000000000:stream/ticks", "arn:aws:iam::000000000000:role/r", null,
                null, SCHEMA, null);
    }

    static OutputConfig output(String id) {
        return new OutputConfig(id, "DEST", DestinationKind.KINESIS_STREAM,
                "arn:aws:kinesis:us-east-1:000000000000:stream/out", "arn:aws:iam::000000000000:role/r",
                RecordFormatType.JSON);
    }

    static ApplicationDefinition withInput() {
        return new ApplicationDefinition("tickers", CODE, List.of(input("1.1")), List.of(output("1.1")), List.of(),
                List.of());
    }

    static ApplicationKey key(String name) {
        return new ApplicationKey("000000000000", "us-east-1", name);
    }
}
