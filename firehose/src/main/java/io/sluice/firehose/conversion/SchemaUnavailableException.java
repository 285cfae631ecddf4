package io.sluice.firehose.conversion;

/**
 * A table's schema could not be read: {@code errorCode} names why as the catalog does (EntityNotFoundException,
 * AccessDeniedException, ...), and goes into the conversion's error records.
 */
public final class SchemaUnavailableException extends Exception {

    private final String errorCode;

    public SchemaUnavailableException(String errorCode, String message) {
        super(message);
        this.errorCode = errorCode;
    }

    public String errorCode() {
        return errorCode;
    }
}
