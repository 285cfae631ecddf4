package io.sluice.cli.bench;

/**
 * An error answer of the API, or a failed exchange.
 *
 * @param status HTTP status; 0 when no answer came
 * @param type   the short AWS error name ({@code ResourceNotFoundException}), or a description of the failure
 */
record ApiError(int status, String type, String message) {

    static final String THROTTLED = "ProvisionedThroughputExceededException";

    /** An error type without the namespace AWS may prefix it with ({@code com.amazonaws...#Name}, {@code Name:url}). */
    static String shortType(String type) {
        int hash = type.lastIndexOf('#');
        String name = hash >= 0 ? type.substring(hash + 1) : type;
        int colon = name.indexOf(':');
        return colon >= 0 ? name.substring(0, colon) : name;
    }

    static ApiError transport(Throwable cause) {
        String type = cause.getClass().getSimpleName();
        return new ApiError(0, type.isEmpty() ? "TransportError" : type, String.valueOf(cause.getMessage()));
    }

    boolean throttled() {
        return type.equals(THROTTLED);
    }

    @Override
    public String toString() {
        return (status == 0 ? "" : "HTTP " + status + " ") + type + ": " + message;
    }
}
