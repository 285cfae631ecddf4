package io.sluice.analytics.function;

/**
 * A call that names no function the runtime has, or whose arity or argument types do not fit it. The message names
 * the function and what is wrong; the planner turns it into a {@code CodeValidationException} at the call's
 * position. Immutable.
 */
public final class FunctionResolutionException extends Exception {

    public FunctionResolutionException(String message) {
        super(message);
    }
}
