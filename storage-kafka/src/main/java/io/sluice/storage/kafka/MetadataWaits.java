package io.sluice.storage.kafka;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Bounded waits for the metadata store's futures, failing as {@link IOException}s. Stateless. */
final class MetadataWaits {

    private MetadataWaits() {
    }

    /**
     * The future's value; its failure as an IOException ({@code what} failed, the failure as the cause, or the
     * failure itself when it is a {@link MetadataFormatException}), or an IOException after {@code timeout}.
     */
    static <T> T await(Future<T> future, Duration timeout, String what) throws IOException {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof MetadataFormatException format) {
                throw format;
            }
            throw new IOException(what + " failed", e.getCause());
        } catch (TimeoutException e) {
            throw new IOException(what + " did not finish within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted: " + what);
        }
    }
}
