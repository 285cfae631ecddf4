package io.sluice.mappings.catalog;

import io.sluice.common.ErrorType;
import io.sluice.common.ServiceException;

import java.util.List;

/**
 * The errors Lambda answers for event source mappings, with its messages: request-shape violations (a value out
 * of the model's range or pattern) are ValidationException with the "N validation errors detected" message;
 * rules of the service are InvalidParameterValueException; an unknown mapping is a 404 ResourceNotFoundException.
 *
 * <p>Stateless and thread-safe.
 */
final class LambdaErrors {

    private LambdaErrors() {
    }

    static ServiceException invalid(String message) {
        return new ServiceException(ErrorType.INVALID_PARAMETER_VALUE, message);
    }

    static ServiceException notFound() {
        return new ServiceException(ErrorType.LAMBDA_RESOURCE_NOT_FOUND, "The resource you requested does not exist.");
    }

    static ServiceException conflict(String message) {
        return new ServiceException(ErrorType.RESOURCE_CONFLICT, message);
    }

    static ServiceException inUse(String action) {
        return new ServiceException(ErrorType.RESOURCE_IN_USE,
                "Cannot " + action + " the event source mapping because it is in use.");
    }

    /** Lambda's (Coral's) message for model violations: {@code 1 validation error detected: ...; ...}. */
    static ServiceException validation(List<String> violations) {
        String count = violations.size() == 1 ? "1 validation error" : violations.size() + " validation errors";
        return ServiceException.validation(count + " detected: " + String.join("; ", violations));
    }

    static String outOfRange(Object value, String member, long min, long max, long given) {
        return "Value '" + value + "' at '" + member + "' failed to satisfy constraint: Member must have value "
                + (given < min ? "greater than or equal to " + min : "less than or equal to " + max);
    }
}
