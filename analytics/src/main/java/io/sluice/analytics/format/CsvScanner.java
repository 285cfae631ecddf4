package io.sluice.analytics.format;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits delimited text into rows and fields with a row delimiter and a column delimiter, both literal strings of
 * any length. A field that starts with a double quote is quoted: delimiters inside it are text and {@code ""} is
 * one quote. Empty rows are skipped. Immutable and thread-safe.
 */
final class CsvScanner {

    /** Receives each non-empty row: its fields, its text, and its 1-based position among all rows (for messages). */
    interface Rows {
        void row(List<String> fields, String text, int number);
    }

    private final String columnDelimiter;
    private final String rowDelimiter;

    CsvScanner(String columnDelimiter, String rowDelimiter) {
        this.columnDelimiter = columnDelimiter;
        this.rowDelimiter = rowDelimiter;
    }

    void scan(String text, Rows rows) {
        int number = 1;
        int rowStart = 0;
        int i = 0;
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean fieldStart = true;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i += 2;
                        continue;
                    }
                    quoted = false;
                } else {
                    field.append(c);
                }
                i++;
                continue;
            }
            if (fieldStart && c == '"') {
                quoted = true;
                fieldStart = false;
                i++;
            } else if (text.startsWith(rowDelimiter, i)) {
                finishRow(text, rowStart, i, fields, field, rows, number++);
                fields = new ArrayList<>();
                i += rowDelimiter.length();
                rowStart = i;
                fieldStart = true;
            } else if (text.startsWith(columnDelimiter, i)) {
                fields.add(field.toString());
                field.setLength(0);
                i += columnDelimiter.length();
                fieldStart = true;
            } else {
                field.append(c);
                fieldStart = false;
                i++;
            }
        }
        finishRow(text, rowStart, text.length(), fields, field, rows, number);
    }

    private static void finishRow(String text, int start, int end, List<String> fields, StringBuilder field,
                                  Rows rows, int number) {
        if (start == end) {
            return;
        }
        fields.add(field.toString());
        field.setLength(0);
        rows.row(fields, text.substring(start, end), number);
    }
}
