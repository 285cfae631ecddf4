package io.sluice.agent.send;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.SdkException;

import java.util.Set;

/** Turns the AWS SDK's exceptions and per-record error codes into {@link ErrorKind}s. Stateless. */
final class SdkErrors {

    private static final Set<String> INVALID = Set.of("ValidationException", "InvalidArgumentException",
            "SerializationException", "RequestEntityTooLargeException");
    private static final Set<String> CONFIGURATION = Set.of("ResourceNotFoundException", "ResourceInUseException",
            "AccessDeniedException", "AccessDenied", "UnrecognizedClientException", "InvalidSignatureException",
            "ExpiredTokenException", "MissingAuthenticationTokenException", "NotAuthorized",
            "IncompleteSignature", "KMSDisabledException", "KMSInvalidStateException", "KMSNotFoundException",
            "KMSAccessDeniedException", "KMSOptInRequired", "KMSThrottlingException", "InvalidKMSResourceException",
            "InvalidSourceException");

    private SdkErrors() {
    }

    /** A whole request's failure as a {@link SendException}. */
    static SendException of(SdkException e, String destination) {
        if (e instanceof AbortedException) {
            // the agent is stopping: the SDK turned the interrupt into an exception and cleared the flag
            Thread.currentThread().interrupt();
        }
        if (e instanceof AwsServiceException service && service.awsErrorDetails() != null) {
            String code = service.awsErrorDetails().errorCode();
            ErrorKind kind = service.isThrottlingException() || service.statusCode() >= 500 ? ErrorKind.RETRIABLE
                    : kindOf(code);
            return new SendException(code, kind, destination + ": " + code + " (HTTP " + service.statusCode()
                    + "): " + service.awsErrorDetails().errorMessage(), e);
        }
        // no answer from the service: connection refused or reset, a timeout, an unreadable response
        return new SendException(e.getClass().getSimpleName(), ErrorKind.RETRIABLE, destination + ": "
                + e.getMessage(), e);
    }

    /** The kind of a per-record or 4xx error code: throttling and unknown codes are retriable. */
    static ErrorKind kindOf(String errorCode) {
        if (errorCode == null) {
            return ErrorKind.RETRIABLE;
        }
        if (INVALID.contains(errorCode)) {
            return ErrorKind.INVALID;
        }
        return CONFIGURATION.contains(errorCode) ? ErrorKind.CONFIGURATION : ErrorKind.RETRIABLE;
    }
}
