package io.sluice.analytics.host;

import io.sluice.analytics.app.InputConfig;
import io.sluice.analytics.app.SourceKind;
import io.sluice.common.ShardId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.List;

/**
 * One input of a running application: reads its source, runs the optional pre-processor, and says which
 * in-application stream each record feeds. With InputParallelism N, a Kinesis shard feeds stream
 * {@code <prefix>_00(k+1)} where k is the shard's index modulo N, so the shards are split evenly and a shard's
 * records stay in one stream and in order (children of a reshard get new indexes and are spread the same way); a
 * delivery stream has no shards, so its records go to the N streams in turn.
 *
 * <p>A batch the pre-processor could not handle stays here and is retried (with a backoff) before anything more
 * is read, so records are never skipped.
 *
 * <p><b>Threading</b>: single-threaded, the application's task.
 */
final class ApplicationInput implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ApplicationInput.class);

    private final InputConfig config;
    private final InputReader reader;
    private final InputPreprocessor preprocessor;
    private final Formats.Decoder decoder;
    private final PositionTracker tracker;
    private final long sinceMillis;
    private final List<String> streams;
    private List<SourceRecord> held = List.of();
    private int failures;
    private long retryAtMillis;
    private int turn;

    /** @param preprocessor null when the input has none */
    ApplicationInput(InputConfig config, InputReader reader, InputPreprocessor preprocessor, Formats.Decoder decoder,
                     ShardStart start) {
        this.config = config;
        this.reader = reader;
        this.preprocessor = preprocessor;
        this.decoder = decoder;
        this.tracker = new PositionTracker(start.positions());
        this.sinceMillis = start.sinceMillis();
        this.streams = config.streamNames();
    }

    InputConfig config() {
        return config;
    }

    Formats.Decoder decoder() {
        return decoder;
    }

    PositionTracker tracker() {
        return tracker;
    }

    /** Whether positions of this input can be read again after a restart (a Kinesis stream's can). */
    boolean replayable() {
        return config.kind() == SourceKind.KINESIS_STREAM;
    }

    /** The positions to store for this input, given the program's retained floor. */
    StoredPositions.Input stored(long floor) {
        return new StoredPositions.Input(config.resourceArn(), sinceMillis, tracker.committed(floor));
    }

    long millisBehindLatest() {
        return reader.millisBehindLatest();
    }

    /**
     * The next records with the data to decode (after pre-processing); empty when caught up or while a failed
     * pre-processing waits for its retry.
     *
     * @param failed receives the records the pre-processor reported ProcessingFailed
     */
    List<InputPreprocessor.Processed> next(int max, long now, List<SourceRecord> failed) {
        if (held.isEmpty()) {
            InputReader.Read read = reader.read(max);
            read.ended().forEach(tracker::ended);
            held = read.records();
        }
        if (held.isEmpty()) {
            return List.of();
        }
        if (preprocessor == null) {
            List<SourceRecord> records = held;
            held = List.of();
            return records.stream().map(r -> new InputPreprocessor.Processed(r, r.data())).toList();
        }
        if (now < retryAtMillis) {
            return List.of();
        }
        try {
            InputPreprocessor.Result result = preprocessor.process(held);
            failed.addAll(result.failed());
            held = List.of();
            failures = 0;
            return result.ok();
        } catch (IOException | RuntimeException e) {
            failures++;
            retryAtMillis = now + Math.min(OutputChannel.MAX_BACKOFF_MILLIS,
                    OutputChannel.BASE_BACKOFF_MILLIS << Math.min(failures - 1, 20));
            if (failures == 1) {
                LOG.warn("input {} pre-processing by {} failed, retrying: {}", config.id(), config.processorArn(),
                        e.getMessage());
            }
            return List.of();
        }
    }

    /** Whether records read wait for a pre-processing retry. */
    boolean holding() {
        return !held.isEmpty();
    }

    /** The in-application stream a record feeds. */
    String streamFor(SourceRecord record) {
        if (streams.size() == 1) {
            return streams.getFirst();
        }
        if (record.shardId() != null) {
            ShardId shard = ShardId.parseOrNull(record.shardId());
            if (shard != null) {
                return streams.get(shard.index() % streams.size());
            }
        }
        String stream = streams.get(turn);
        turn = (turn + 1) % streams.size();
        return stream;
    }

    @Override
    public void close() {
        reader.close();
    }
}
