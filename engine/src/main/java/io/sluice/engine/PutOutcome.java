package io.sluice.engine;

import io.sluice.common.ErrorType;
import io.sluice.common.ServiceException;

/**
 * The outcome of one record of a PutRecords call: where it went, or why it failed, as an {@link ErrorType}:
 * {@link ErrorType#PROVISIONED_THROUGHPUT_EXCEEDED} (throttled), {@link ErrorType#SERVICE_UNAVAILABLE} (storage
 * back-pressure: retry later) or {@link ErrorType#INTERNAL_FAILURE}. Immutable.
 */
public record PutOutcome(PutResult result, ErrorType errorType, String errorMessage) {

    /** The per-record {@code ErrorCode} PutRecords answers: AWS knows only these two. */
    private static final String INTERNAL_FAILURE_CODE = "InternalFailure";

    public static PutOutcome stored(PutResult result) {
        return new PutOutcome(result, null, null);
    }

    public static PutOutcome failed(ErrorType type, String message) {
        return new PutOutcome(null, type, message);
    }

    public boolean failed() {
        return result == null;
    }

    /**
     * The PutRecords per-record error code: {@code ProvisionedThroughputExceededException} when throttled, else
     * {@code InternalFailure} (AWS has no per-record code for back-pressure; InternalFailure is the retryable one);
     * null if the record was stored.
     */
    public String errorCode() {
        if (errorType == null) {
            return null;
        }
        return errorType == ErrorType.PROVISIONED_THROUGHPUT_EXCEEDED ? errorType.awsName() : INTERNAL_FAILURE_CODE;
    }

    /** The failure as the error PutRecord answers with (503 ServiceUnavailable for back-pressure). */
    public ServiceException toException() {
        if (!failed()) {
            throw new IllegalStateException("the record was stored");
        }
        return new ServiceException(errorType, errorMessage);
    }
}
