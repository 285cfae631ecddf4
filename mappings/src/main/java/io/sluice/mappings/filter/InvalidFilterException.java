package io.sluice.mappings.filter;

/**
 * A FilterCriteria pattern that Lambda would refuse. The message starts with Lambda's own text
 * ({@code Invalid filter pattern definition.}) and goes on with what is wrong and where, so the catalogue can
 * answer it as an {@code InvalidParameterValueException} unchanged.
 */
public final class InvalidFilterException extends Exception {

    /** Lambda's message for any pattern it cannot use. */
    public static final String LAMBDA_MESSAGE = "Invalid filter pattern definition.";

    private final String detail;

    public InvalidFilterException(String detail) {
        super(LAMBDA_MESSAGE + " " + detail);
        this.detail = detail;
    }

    /** What is wrong with the pattern, without Lambda's leading sentence. */
    public String detail() {
        return detail;
    }
}
