package io.sluice.protocol.sigv4;

import io.sluice.common.ErrorType;
import io.sluice.common.ServiceException;

/**
 * The authentication errors Kinesis answers with, worded as AWS words them (clients and their users search for
 * these texts). The one place these messages live. Stateless.
 */
final class AuthErrors {

    static final String INVALID_TOKEN = "The security token included in the request is invalid.";
    static final String SIGNATURE_MISMATCH = "The request signature we calculated does not match the signature you "
            + "provided. Check your AWS Secret Access Key and signing method. Consult the service documentation "
            + "for details.";

    private AuthErrors() {
    }

    static ServiceException missingToken() {
        return new ServiceException(ErrorType.MISSING_AUTHENTICATION_TOKEN, "Missing Authentication Token");
    }

    static ServiceException incomplete(String message) {
        return new ServiceException(ErrorType.INCOMPLETE_SIGNATURE, message);
    }

    static ServiceException invalid(String message) {
        return new ServiceException(ErrorType.INVALID_SIGNATURE, message);
    }

    static ServiceException unrecognizedClient() {
        return new ServiceException(ErrorType.UNRECOGNIZED_CLIENT, INVALID_TOKEN);
    }

    static ServiceException signatureMismatch() {
        return invalid(SIGNATURE_MISMATCH);
    }
}
