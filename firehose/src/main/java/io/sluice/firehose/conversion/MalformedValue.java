package io.sluice.firehose.conversion;

import com.fasterxml.jackson.databind.JsonNode;

/** The errors of JSON values that do not fit their column's type. Stateless. */
final class MalformedValue {

    private static final int SHOWN_CHARS = 64;

    private MalformedValue() {
    }

    static ConversionException of(String type, JsonNode value) {
        String text = value.toString();
        if (text.length() > SHOWN_CHARS) {
            text = text.substring(0, SHOWN_CHARS) + "...";
        }
        return new ConversionException(ConversionException.MALFORMED_DATA,
                "The value " + text + " cannot be read as " + type + ".");
    }

    static ConversionException in(String column, ConversionException cause) {
        return new ConversionException(cause.code(), "Column " + column + ": " + cause.getMessage());
    }
}
