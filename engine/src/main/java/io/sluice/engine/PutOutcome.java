package io.sluice.engine;

/**
 * The outcome of one record of a PutRecords call: where it went, or the per-record error code (AWS's
 * {@code ProvisionedThroughputExceededException} or {@code InternalFailure}) and message.
 */
public record PutOutcome(PutResult result, String errorCode, String errorMessage) {

    public static PutOutcome stored(PutResult result) {
        return new PutOutcome(result, null, null);
    }

    public static PutOutcome failed(String code, String message) {
        return new PutOutcome(null, code, message);
    }

    public boolean failed() {
        return result == null;
    }
}
