package io.sluice.firehose.processing;

import java.io.IOException;

/** Calls a transformation function with a JSON event and returns its JSON answer. Thread-safe. */
@FunctionalInterface
public interface FunctionInvoker {

    /**
     * @throws FunctionException if the function answered with an error
     * @throws IOException       if it could not be reached or did not answer in time
     */
    byte[] invoke(String function, byte[] event) throws IOException, FunctionException;

    /** The function ran and failed: a non-2xx answer, or a Lambda-style {@code errorMessage} answer. */
    final class FunctionException extends Exception {
        public FunctionException(String message) {
            super(message, null, false, false);
        }
    }
}
