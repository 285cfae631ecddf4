package io.sluice.server.lambda;

import io.sluice.common.ErrorType;
import io.sluice.protocol.ResponseWriter;
import io.sluice.protocol.WireFormat;
import io.sluice.server.http.ApiResponse;

import java.util.EnumSet;
import java.util.Set;

/**
 * Lambda's REST-JSON errors: the HTTP status, {@code x-amzn-ErrorType} (which botocore and the SDKs read the code
 * from) and the body {@code {"Type": "User" | "Service", "message": ...}}. The pipeline's own refusals, named as
 * the JSON 1.1 APIs name them, become what Lambda answers: a body that is not JSON is
 * InvalidRequestContentException, a call rate TooManyRequestsException (429), a missing resource 404, an internal
 * failure ServiceException (500), authentication and IAM refusals 403, an operation Sluice does not serve 404.
 * Stateless.
 */
final class ErrorResponses {

    private static final Set<ErrorType> FORBIDDEN = EnumSet.of(ErrorType.ACCESS_DENIED,
            ErrorType.UNRECOGNIZED_CLIENT, ErrorType.INVALID_SIGNATURE, ErrorType.INCOMPLETE_SIGNATURE,
            ErrorType.MISSING_AUTHENTICATION_TOKEN);

    private ErrorResponses() {
    }

    static ApiResponse encode(ErrorType type, String message) {
        ErrorType lambda = lambdaType(type);
        int status = status(lambda);
        byte[] body = new ResponseWriter(WireFormat.JSON).string("Type", status >= 500 ? "Service" : "User")
                .string("message", message).finish();
        return new ApiResponse(status, "application/json", body, lambda.awsName());
    }

    /** The error Lambda answers where the pipeline or the engine names a JSON 1.1 API's. */
    static ErrorType lambdaType(ErrorType type) {
        return switch (type) {
            case SERIALIZATION -> ErrorType.INVALID_REQUEST_CONTENT;
            case INVALID_ARGUMENT -> ErrorType.INVALID_PARAMETER_VALUE;
            case RESOURCE_NOT_FOUND -> ErrorType.LAMBDA_RESOURCE_NOT_FOUND;
            case LIMIT_EXCEEDED -> ErrorType.TOO_MANY_REQUESTS;
            case INTERNAL_FAILURE -> ErrorType.LAMBDA_SERVICE;
            default -> type;
        };
    }

    private static int status(ErrorType type) {
        if (FORBIDDEN.contains(type)) {
            return 403;
        }
        return type == ErrorType.UNKNOWN_OPERATION ? 404 : type.httpStatus();
    }
}
