package io.sluice.analytics.program;

import io.sluice.analytics.type.Column;
import io.sluice.analytics.type.RowType;
import io.sluice.analytics.type.SqlType;

/**
 * One row of {@code error_stream}: a row that failed coercion on input or evaluation in a pump, with the columns
 * KDA documents. {@code dataRow} is the failed row's data in hex (the raw record for input errors); {@code
 * dataRowtime} and {@code pumpName} are null when unknown.
 */
public record ErrorRow(long errorTime, String level, String name, String message, Long dataRowtime,
                       String dataRow, String pumpName) {

    public static final String STREAM = "error_stream";

    public static final RowType TYPE = RowType.of(
            Column.of("ERROR_TIME", SqlType.TIMESTAMP),
            Column.of("ERROR_LEVEL", SqlType.varchar(10)),
            Column.of("ERROR_NAME", SqlType.varchar(32)),
            Column.of("MESSAGE", SqlType.varchar(4096)),
            Column.of("DATA_ROWTIME", SqlType.TIMESTAMP),
            Column.of("DATA_ROW", SqlType.varchar(49152)),
            Column.of("PUMP_NAME", SqlType.varchar(128)));

    public Object[] values() {
        return new Object[] {errorTime, level, name, message, dataRowtime, dataRow, pumpName};
    }
}
