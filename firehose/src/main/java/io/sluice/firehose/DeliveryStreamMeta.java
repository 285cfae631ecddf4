package io.sluice.firehose;

import io.sluice.firehose.config.DestinationConfig;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A delivery stream as the metadata store keeps it (as JSON). Immutable: every change makes a new one.
 *
 * @param createdAt          epoch millis of CreateDeliveryStream; names this incarnation's durable buffer
 * @param activeAt           epoch millis from which the stream is ACTIVE (CREATING before)
 * @param deletingAt         epoch millis of DeleteDeliveryStream, or -1
 * @param version            the VersionId: 1 at creation, +1 on each UpdateDestination
 * @param throughputHintMBs  DirectPutSourceConfiguration.ThroughputHintInMBs, or null
 * @param kinesisSource      the source stream of a KinesisStreamAsSource delivery stream, or null
 * @param tags               sorted by key
 * @param mskSource          the topic of an MSKAsSource delivery stream, or null (absent in entries written before
 *                           MSK sources existed)
 */
public record DeliveryStreamMeta(DeliveryStreamKey key, DeliveryStreamType type, long createdAt, long activeAt,
                                 long lastUpdatedAt, long deletingAt, int version, Integer throughputHintMBs,
                                 KinesisSource kinesisSource, DestinationConfig destination,
                                 Map<String, String> tags, Encryption encryption,
                                 MskSource mskSource) {

    /** The id of the one destination every Sluice delivery stream has. */
    public static final String DESTINATION_ID = "destinationId-000000000001";

    public DeliveryStreamMeta {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(destination, "destination");
        tags = Collections.unmodifiableSortedMap(new TreeMap<>(tags == null ? Map.of() : tags));
        encryption = encryption == null ? Encryption.NEVER : encryption;
    }

    /** A delivery stream without an MSK source. */
    public DeliveryStreamMeta(DeliveryStreamKey key, DeliveryStreamType type, long createdAt, long activeAt,
                              long lastUpdatedAt, long deletingAt, int version, Integer throughputHintMBs,
                              KinesisSource kinesisSource, DestinationConfig destination, Map<String, String> tags,
                              Encryption encryption) {
        this(key, type, createdAt, activeAt, lastUpdatedAt, deletingAt, version, throughputHintMBs, kinesisSource,
                destination, tags, encryption, null);
    }

    public DeliveryStreamStatus status(long now) {
        if (deletingAt >= 0) {
            return DeliveryStreamStatus.DELETING;
        }
        return now < activeAt ? DeliveryStreamStatus.CREATING : DeliveryStreamStatus.ACTIVE;
    }

    /** The name of this incarnation's durable buffer log, relative to the buffer root. */
    public String bufferName() {
        return key.account() + "/" + key.region() + "/" + key.name() + "-" + createdAt;
    }

    public DeliveryStreamMeta withDestination(DestinationConfig newDestination, long now) {
        return new DeliveryStreamMeta(key, type, createdAt, activeAt, now, deletingAt, version + 1,
                throughputHintMBs, kinesisSource, newDestination, tags, encryption, mskSource);
    }

    public DeliveryStreamMeta withTags(Map<String, String> newTags) {
        return new DeliveryStreamMeta(key, type, createdAt, activeAt, lastUpdatedAt, deletingAt, version,
                throughputHintMBs, kinesisSource, destination, newTags, encryption, mskSource);
    }

    public DeliveryStreamMeta withEncryption(Encryption newEncryption) {
        return new DeliveryStreamMeta(key, type, createdAt, activeAt, lastUpdatedAt, deletingAt, version,
                throughputHintMBs, kinesisSource, destination, tags, newEncryption, mskSource);
    }

    public DeliveryStreamMeta deleting(long now) {
        return new DeliveryStreamMeta(key, type, createdAt, activeAt, lastUpdatedAt, now, version,
                throughputHintMBs, kinesisSource, destination, tags, encryption, mskSource);
    }
}
