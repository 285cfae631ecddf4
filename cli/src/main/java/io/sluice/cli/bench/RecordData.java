package io.sluice.cli.bench;

/**
 * What the records of the bench's requests carry after their header: {@code unique} random data per record (the
 * default: a compressor on the way, such as the lz4 of Sluice's Kafka producer, cannot shrink it, as it cannot
 * shrink most real payloads), or the {@code repeated} random data in every record, which compresses to almost
 * nothing (what the bench sent before the option existed).
 */
enum RecordData {
    UNIQUE,
    REPEATED
}
