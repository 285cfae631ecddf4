package io.sluice.storage;

import java.io.IOException;

/**
 * An append refused because more than {@link LogConfig#maxQueuedBytes()} were already waiting for the disk and no
 * room opened within {@link LogConfig#maxQueueWaitMillis()}. Nothing was written; the caller may retry later (the
 * server answers it as a retryable AWS error). Expected under overload, unlike the other {@link IOException}s of a
 * failed append, which are faults.
 */
public final class BackPressureException extends IOException {

    public BackPressureException(long queuedBytes, long maxQueuedBytes) {
        super("storage is busy: " + queuedBytes + " bytes are waiting for the disk (limit " + maxQueuedBytes
                + "); retry later");
    }
}
