package io.sluice.cli.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;

/**
 * Reads a record's replayed arrival time from one top-level member of its JSON document: a number of epoch
 * milliseconds, or a UTC timestamp string {@code yyyy-MM-dd HH:mm:ss[.SSS]} (a {@code T} in place of the space is
 * accepted too).
 *
 * <p><b>Threading</b>: immutable and thread-safe.
 */
final class TimeField {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final DateTimeFormatter TEXT = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd")
            .optionalStart().appendLiteral(' ').optionalEnd()
            .optionalStart().appendLiteral('T').optionalEnd()
            .appendPattern("HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
            .toFormatter();

    private final String name;

    TimeField(String name) {
        this.name = name;
    }

    String name() {
        return name;
    }

    /**
     * @throws IllegalArgumentException saying why, when the record is not a JSON object with the member as a
     *                                  number or timestamp
     */
    long millis(byte[] record) {
        JsonNode root;
        try {
            root = MAPPER.readTree(record);
        } catch (IOException e) {
            throw new IllegalArgumentException("the record is not a JSON object, so it has no time field " + name);
        }
        JsonNode value = root == null ? null : root.get(name);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("the record has no time field " + name);
        }
        if (value.isIntegralNumber()) {
            return value.asLong();
        }
        try {
            return LocalDateTime.parse(value.asText().trim(), TEXT).toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("time field " + name + " is neither epoch milliseconds nor"
                    + " 'yyyy-MM-dd HH:mm:ss[.SSS]': " + value);
        }
    }
}
