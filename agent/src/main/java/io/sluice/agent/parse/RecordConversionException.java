package io.sluice.agent.parse;

/** A record a processing option cannot convert; the agent skips it, counts it and logs why. */
public final class RecordConversionException extends Exception {

    public RecordConversionException(String message) {
        super(message);
    }
}
