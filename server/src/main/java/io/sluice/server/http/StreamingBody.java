package io.sluice.server.http;

/**
 * Produces a response body piece by piece, for as long as it likes, on the request's own (virtual) thread.
 */
@FunctionalInterface
public interface StreamingBody {

    void stream(ChunkSink sink) throws InterruptedException;

    /** Where the pieces go. */
    interface ChunkSink {

        /**
         * Writes and flushes one piece and waits until the transport took it (so a slow reader slows the writer).
         * Returns false when the client is gone or the server is stopping: the producer should end.
         */
        boolean send(byte[] chunk) throws InterruptedException;
    }
}
