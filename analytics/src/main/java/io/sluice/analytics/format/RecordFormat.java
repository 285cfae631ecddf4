package io.sluice.analytics.format;

/**
 * A source's record format: JSON rows found at {@code jsonRowPath} ({@code $} for the whole record), or CSV rows
 * split by {@code csvRowDelimiter} into columns by {@code csvColumnDelimiter}. Fields of the other format are
 * null.
 */
public record RecordFormat(RecordFormatType type, String jsonRowPath, String csvColumnDelimiter,
                           String csvRowDelimiter) {

    public static RecordFormat json(String rowPath) {
        return new RecordFormat(RecordFormatType.JSON, rowPath, null, null);
    }

    public static RecordFormat csv(String columnDelimiter, String rowDelimiter) {
        return new RecordFormat(RecordFormatType.CSV, null, columnDelimiter, rowDelimiter);
    }
}
