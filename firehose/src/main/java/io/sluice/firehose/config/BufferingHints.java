package io.sluice.firehose.config;

/**
 * When a buffer is delivered: once it holds {@code sizeInMBs} MiB or its oldest record has waited
 * {@code intervalInSeconds}, whichever comes first. An interval of 0 delivers every batch read from the durable
 * buffer at once.
 */
public record BufferingHints(int sizeInMBs, int intervalInSeconds) {

    /** AWS's defaults for S3 and HTTP endpoint destinations: 5 MiB or 300 seconds. */
    public static final BufferingHints DEFAULT = new BufferingHints(5, 300);

    public BufferingHints {
        if (sizeInMBs < 1 || intervalInSeconds < 0) {
            throw new IllegalArgumentException("buffering hints out of range: " + sizeInMBs + " MiB, "
                    + intervalInSeconds + " s");
        }
    }

    public long sizeBytes() {
        return (long) sizeInMBs << 20;
    }

    public long intervalMillis() {
        return intervalInSeconds * 1000L;
    }
}
