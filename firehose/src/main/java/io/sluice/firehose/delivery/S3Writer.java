package io.sluice.firehose.delivery;

import io.sluice.firehose.config.Compression;
import io.sluice.firehose.config.S3Settings;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * Writes batches as S3 objects under AWS's naming: {@code <evaluated prefix><stream>-<version>-<yyyy>-<MM>-<dd>-
 * <HH>-<mm>-<ss>-<uuid><extension>}, the time being the arrival time of the batch's oldest record in the
 * destination's time zone. The body is the records concatenated, compressed as configured. Used from one
 * delivery thread at a time.
 */
public final class S3Writer implements Sink {

    private static final DateTimeFormatter SUFFIX_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd-HH-mm-ss");

    /** The naming of the delivery stream's objects: its name and current version. */
    public record Naming(String streamName, int version, ZoneId zone, String fileExtension) {
    }

    private final ObjectStore store;
    private final S3Settings settings;
    private final PrefixTemplate prefix;
    private final Naming naming;
    private final RandomGenerator random;

    public S3Writer(ObjectStore store, S3Settings settings, PrefixTemplate prefix, Naming naming,
                    RandomGenerator random) {
        this.store = store;
        this.settings = settings;
        this.prefix = prefix;
        this.naming = naming;
        this.random = random;
    }

    @Override
    public void deliver(Batch batch) throws DeliveryException {
        if (batch.objectKey() == null) {
            batch.objectKey(key(batch));
        }
        String extension = extension();
        String name = batch.objectKey().substring(batch.objectKey().lastIndexOf('/') + 1);
        put(batch, Compressor.compress(settings.compression(), concat(batch),
                name.substring(0, name.length() - extension.length())));
    }

    /** Writes {@code body} as the batch's object (a converted file: no compression applied). */
    void put(Batch batch, byte[] body) throws DeliveryException {
        if (batch.objectKey() == null) {
            batch.objectKey(key(batch));
        }
        try {
            store.put(settings.bucket(), batch.objectKey(), body);
        } catch (IOException e) {
            throw new DeliveryException("S3.PutObjectFailed", e.getMessage(), false);
        }
    }

    private String key(Batch batch) {
        String evaluated = prefix.evaluate(batch.oldestArrivalMillis(), naming.zone(), batch.partitionKeys(),
                batch.errorOutputType(), random);
        String time = SUFFIX_TIME.format(Instant.ofEpochMilli(batch.oldestArrivalMillis()).atZone(naming.zone()));
        UUID uuid = new UUID(random.nextLong(), random.nextLong());
        return evaluated + naming.streamName() + "-" + naming.version() + "-" + time + "-" + uuid + extension();
    }

    private String extension() {
        if (naming.fileExtension() != null && !naming.fileExtension().isEmpty()) {
            return naming.fileExtension();
        }
        return settings.compression() == Compression.UNCOMPRESSED ? "" : settings.compression().extension();
    }

    private static byte[] concat(Batch batch) {
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(Integer.MAX_VALUE - 8, batch.bytes()));
        for (Batch.Entry entry : batch.entries()) {
            out.writeBytes(entry.data());
        }
        return out.toByteArray();
    }
}
