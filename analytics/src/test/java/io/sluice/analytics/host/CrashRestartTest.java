package io.sluice.analytics.host;

import io.sluice.analytics.app.ApplicationConfig;
import io.sluice.analytics.app.DestinationKind;
import io.sluice.analytics.app.StartingPosition;
import io.sluice.analytics.format.RecordFormatType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;

import static io.sluice.analytics.host.HostFixture.app;
import static io.sluice.analytics.host.HostFixture.arn;
import static io.sluice.analytics.host.HostFixture.kinesisInput;
import static io.sluice.analytics.host.HostFixture.output;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random runs of a windowed application (rows held until a rowtime bound passes them) with crashes at random
 * moments, some of them between an output write and the positions write: every input row reaches the output, and
 * the first copies of rows come in the order they were put (per shard).
 */
class CrashRestartTest {

    @TempDir
    Path dir;

    @Test
    void crashesAtRandomMomentsLoseNoOutputRowAndResumeInOrder() throws Exception {
        long seed = System.nanoTime();
        System.out.println("CrashRestartTest seed " + seed);
        for (int round = 0; round < 5; round++) {
            run(new Random(seed + round), dir.resolve("round" + round));
        }
    }

    private void run(Random random, Path root) throws Exception {
        try (HostFixture f = new HostFixture(root)) {
            f.createStream("in", 2);
            f.createStream("out", 1);
            ApplicationConfig config = app("HOLD", List.of(kinesisInput("in", 1)), List.of(output(TestPrograms.OUT,
                    DestinationKind.KINESIS_STREAM, arn("out"), RecordFormatType.CSV)), List.of());
            f.runner.start(config, StartingPosition.TRIM_HORIZON);
            List<List<String>> put = List.of(new ArrayList<>(), new ArrayList<>());
            int next = 0;
            for (int step = 0; step < 60; step++) {
                int action = random.nextInt(10);
                if (action < 4) {
                    int shard = random.nextInt(2);
                    String row = "R" + shard + "x" + next++ + "," + shard;
                    f.put("in", shard, 2, row);
                    put.get(shard).add(row);
                } else if (action < 6) {
                    f.clock.advance(Duration.ofMillis(random.nextInt(1500)));
                    f.step(1);
                } else if (action == 6) {
                    // a crash after this step's writes and before its positions are stored
                    byte[] before = f.storedPositions();
                    f.clock.advance(Duration.ofMillis(random.nextInt(1500)));
                    f.step(1);
                    f.restorePositions(before);
                    f.restartRunner();
                    f.runner.start(config, StartingPosition.LAST_STOPPED_POINT);
                } else if (action == 7) {
                    f.restartRunner(); // kill -9: whatever was stored stays
                    f.runner.start(config, StartingPosition.LAST_STOPPED_POINT);
                } else {
                    f.run(1);
                }
            }
            for (int i = 0; i < 10; i++) {
                f.clock.advance(Duration.ofSeconds(2));
                f.step(1);
            }

            List<String> out = f.read("out").stream().map(r -> r.substring(0, r.indexOf(','))).toList();
            for (int shard = 0; shard < 2; shard++) {
                String prefix = "R" + shard + "x";
                List<String> firstCopies = new ArrayList<>(new LinkedHashSet<>(
                        out.stream().filter(r -> r.startsWith(prefix)).toList()));
                List<String> expected = put.get(shard).stream().map(r -> r.substring(0, r.indexOf(','))).toList();
                assertThat(firstCopies).as("shard %d", shard).containsExactlyElementsOf(expected);
            }
        }
    }
}
