package io.sluice.server.console;

import io.sluice.common.Clock;
import io.sluice.engine.KinesisEngine;
import io.sluice.engine.StreamView;
import io.sluice.engine.limits.LimitSettings;
import io.sluice.protocol.ResponseWriter;
import io.sluice.server.kinesis.RequestContext;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The console's server page: the version, when the node started, where its data is and how much of it each stream
 * of the caller's account and region holds on disk (local backend only: in cluster mode the records are in
 * Kafka), whether writes are fsynced, the throughput limits in force, whether callers must sign with a
 * credentials file's keys, and where the metrics are scraped. Thread-safe: immutable, and it reads the disk on
 * each call.
 *
 * @param logRoot null in cluster mode (no local shard logs)
 */
record ServerFacts(KinesisEngine engine, Clock clock, long startedAt, String backend, Path dataDir, Path logRoot,
                   boolean fsync, LimitSettings limits, boolean signedCalls) {

    static final String VERSION = version();

    void write(RequestContext context, ResponseWriter out) {
        out.string("Version", VERSION).timestamp("StartedAt", startedAt)
                .number("UptimeSeconds", (clock.millis() - startedAt) / 1000)
                .string("Backend", backend).string("DataDirectory", dataDir.toAbsolutePath().toString())
                .bool("Fsync", fsync).bool("SignedCallsRequired", signedCalls).string("MetricsEndpoint", "/metrics")
                .string("Account", context.account()).string("Region", context.region());
        out.startObject("Limits").bool("Enabled", limits.enabled());
        if (limits.enabled()) {
            out.number("WriteBytesPerSecondPerShard", limits.writeBytesPerSecond())
                    .number("WriteRecordsPerSecondPerShard", limits.writeRecordsPerSecond())
                    .number("ReadBytesPerSecondPerShard", limits.readBytesPerSecond())
                    .number("ReadCallsPerSecondPerShard", limits.readCallsPerSecond())
                    .number("UpdateShardCountPerDay", limits.updateShardCountPerDay());
        }
        out.endObject().startArray("Streams");
        for (StreamView stream : engine.streams().list(context.account(), context.region(), Integer.MAX_VALUE,
                null, null).streams()) {
            out.startObject().string("StreamName", stream.meta().key().name());
            if (logRoot != null) {
                out.number("BytesOnDisk", size(logRoot.resolve(stream.meta().logDirectory())));
            }
            out.endObject();
        }
        out.endArray();
    }

    /** The bytes of the files under a directory; 0 if it does not exist (yet, or any more). */
    private static long size(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> {
                try {
                    return Files.size(file);
                } catch (IOException gone) {
                    // removed by retention while we walked: it no longer counts
                    return 0;
                }
            }).sum();
        } catch (NoSuchFileException e) {
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot measure " + dir, e);
        }
    }

    private static String version() {
        try (InputStream in = ServerFacts.class.getClassLoader().getResourceAsStream("io/sluice/console/version.txt")) {
            return in == null ? "unknown" : new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
