package io.sluice.firehose.buffer;

/**
 * Encrypts the records of delivery streams with server-side encryption on before they reach the buffer's log, and
 * decrypts them when they are read for delivery. Implementations keep their keys out of the data directory (or
 * wrapped) and must be thread-safe.
 */
public interface BufferSealer {

    /** Throws the Firehose KMS error if the key (a KMS key ARN; null: the AWS owned key) cannot be used. */
    void check(String keyArn);

    /** The sealed form of one record of the named buffer, under the key. */
    byte[] seal(String bufferName, String keyArn, byte[] record);

    /** The record a sealed form holds; an error if it was not sealed for this buffer or its key is gone. */
    byte[] open(String bufferName, byte[] sealed);
}
