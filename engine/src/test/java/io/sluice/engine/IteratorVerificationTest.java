package io.sluice.engine;

import io.sluice.common.ErrorType;
import io.sluice.common.ManualClock;
import io.sluice.common.ServiceException;
import io.sluice.engine.crypto.LocalKms;
import io.sluice.engine.store.EngineStores;
import io.sluice.storage.LogConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A GetRecords call checks its iterator's signature once, whoever in the call needs the iterator. */
class IteratorVerificationTest {

    private static final StreamKey STREAM = new StreamKey("000000000000", "us-east-1", "verified");

    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock(1_700_000_000_000L);
    private final AtomicInteger verifications = new AtomicInteger();
    private KinesisEngine engine;

    @BeforeEach
    void open() throws Exception {
        EngineConfig config = EngineConfig.defaults().withStatusDelays(0, 0, 0);
        engine = new KinesisEngine(EngineStores.local(dir, LogConfig.defaults(), clock),
                LocalKms.open(dir, null, List.of()), config, clock, StreamObserver.NONE,
                secret -> new TokenSigner(secret) {
                    @Override
                    byte[] open(String token) {
                        verifications.incrementAndGet();
                        return super.open(token);
                    }
                });
        engine.streams().create(STREAM, 1, null, null);
        clock.advance(Duration.ofSeconds(1));
        engine.records().putRecord(STREAM, new PutRecordsEntry("r".getBytes(StandardCharsets.UTF_8), "k", null))
                .join();
    }

    @AfterEach
    void close() {
        engine.close();
    }

    @Test
    void authorizationMetricsAndTheReadShareOneVerification() {
        String token = engine.records().getShardIterator(STREAM, "shardId-000000000000", IteratorType.TRIM_HORIZON,
                null, null);
        verifications.set(0);

        // what the server does for one GetRecords call: open the token, authorize on its stream, read, count
        IteratorToken iterator = engine.records().openIterator(token);
        assertThat(iterator.stream()).as("the stream authorization checks").isEqualTo(STREAM);
        GetRecordsResult result = engine.records().getRecords(iterator, 10);
        assertThat(iterator.stream()).as("the stream metrics count the call on").isEqualTo(STREAM);

        assertThat(result.records()).hasSize(1);
        assertThat(verifications).hasValue(1);
    }

    @Test
    void aTamperedTokenIsRefusedByTheReadNotByOpening() {
        String token = engine.records().getShardIterator(STREAM, "shardId-000000000000", IteratorType.TRIM_HORIZON,
                null, null);
        char flipped = token.charAt(10) == 'B' ? 'C' : 'B';
        IteratorToken tampered = engine.records().openIterator(token.substring(0, 10) + flipped
                + token.substring(11));

        assertThat(tampered.valid()).isFalse();
        assertThat(tampered.stream()).isNull();
        assertThatThrownBy(() -> engine.records().getRecords(tampered, 10)).isInstanceOfSatisfying(
                ServiceException.class, e -> assertThat(e.type()).isEqualTo(ErrorType.INVALID_ARGUMENT));
    }
}
