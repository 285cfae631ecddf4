package io.sluice.analytics.ml;

/**
 * A table function call that cannot run: an unknown name, a wrong number of arguments, an argument that is not a
 * constant or is out of its range, or a cursor without the columns the function needs. The message names the
 * function and the parameter (with its range) the way KDA's SQL reference describes them; the planner reports it
 * as a {@code CodeValidationException} at the call's position.
 */
public final class TableFunctionException extends Exception {

    public TableFunctionException(String message) {
        super(message);
    }
}
