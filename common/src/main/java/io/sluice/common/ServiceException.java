package io.sluice.common;

/**
 * A request that cannot be served, with the AWS error it answers with. Thrown by every layer below the HTTP
 * server and turned into {@code {"__type","message"}} by it. Stack traces are not filled: these are expected
 * outcomes of bad input, and they are frequent under load.
 */
public final class ServiceException extends RuntimeException {

    private final ErrorType type;

    public ServiceException(ErrorType type, String message) {
        super(message, null, false, false);
        this.type = type;
    }

    public ErrorType type() {
        return type;
    }

    public static ServiceException notFound(String message) {
        return new ServiceException(ErrorType.RESOURCE_NOT_FOUND, message);
    }

    public static ServiceException inUse(String message) {
        return new ServiceException(ErrorType.RESOURCE_IN_USE, message);
    }

    public static ServiceException invalidArgument(String message) {
        return new ServiceException(ErrorType.INVALID_ARGUMENT, message);
    }

    public static ServiceException validation(String message) {
        return new ServiceException(ErrorType.VALIDATION, message);
    }
}
