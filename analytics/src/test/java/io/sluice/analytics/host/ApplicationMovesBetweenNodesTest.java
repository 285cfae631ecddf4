package io.sluice.analytics.host;

import io.sluice.analytics.app.ApplicationConfig;
import io.sluice.analytics.app.DestinationKind;
import io.sluice.analytics.app.StartingPosition;
import io.sluice.analytics.format.RecordFormatType;
import io.sluice.engine.store.SharedInMemoryCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static io.sluice.analytics.host.HostFixture.app;
import static io.sluice.analytics.host.HostFixture.arn;
import static io.sluice.analytics.host.HostFixture.kinesisInput;
import static io.sluice.analytics.host.HostFixture.output;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application's task moving between two nodes that share one metadata store (in memory, lagging as a Kafka
 * cluster's views do): the node that takes it over continues from the positions the other one stored, and
 * replays what the program still held, as after a restart.
 */
class ApplicationMovesBetweenNodesTest {

    @TempDir
    Path dir;
    private HostFixture f;
    private SharedInMemoryCluster cluster;
    private final SteppedTasks tasksA = new SteppedTasks();
    private final SteppedTasks tasksB = new SteppedTasks();
    private HostedApplicationRunner nodeA;
    private HostedApplicationRunner nodeB;

    @BeforeEach
    void open() throws IOException {
        long seed = System.nanoTime();
        System.out.println("ApplicationMovesBetweenNodesTest seed " + seed);
        f = new HostFixture(dir);
        f.createStream("in", 1);
        f.createStream("out", 1);
        cluster = new SharedInMemoryCluster(f.clock, seed, SharedInMemoryCluster.Lag.SOME);
        nodeA = f.runnerOn(cluster.node().metadata(), tasksA);
        nodeB = f.runnerOn(cluster.node().metadata(), tasksB);
        tasksB.owns = false;
    }

    @AfterEach
    void close() {
        nodeA.close();
        nodeB.close();
        cluster.close();
        f.close();
    }

    private static ApplicationConfig app(String code) {
        return HostFixture.app(code, List.of(kinesisInput("in", 1)), List.of(output(TestPrograms.OUT,
                DestinationKind.KINESIS_STREAM, arn("out"), RecordFormatType.CSV)), List.of());
    }

    private void run(SteppedTasks tasks, int times) {
        for (int i = 0; i < times; i++) {
            f.clock.advance(Duration.ofMillis(HostConfig.DEFAULT_POLL_INTERVAL_MILLIS));
            tasks.step();
        }
    }

    /** Node A dies: its task never steps or checkpoints again, and node B owns it from now on. */
    private void nodeADies() {
        tasksA.owns = false;
        tasksA.forget();
        tasksB.owns = true;
    }

    @Test
    void theNodeThatTakesOverContinuesFromTheLastCheckpointWithoutRepeatingOutput() throws Exception {
        ApplicationConfig config = app("COPY");
        nodeA.start(config, StartingPosition.TRIM_HORIZON);
        nodeB.follow(config);
        f.put("in", 0, 1, "A,1");
        f.put("in", 0, 1, "B,2");
        run(tasksA, 2);
        assertThat(f.read("out")).containsExactly("A,1,SOURCE_SQL_STREAM_001,\n", "B,2,SOURCE_SQL_STREAM_001,\n");

        nodeADies();
        f.put("in", 0, 1, "C,3");
        run(tasksB, 2);

        assertThat(f.read("out")).containsExactly("A,1,SOURCE_SQL_STREAM_001,\n", "B,2,SOURCE_SQL_STREAM_001,\n",
                "C,3,SOURCE_SQL_STREAM_001,\n");
    }

    @Test
    void ownershipComingBackStartsAgainFromWhatTheOtherNodeStored() throws Exception {
        ApplicationConfig config = app("COPY");
        nodeA.start(config, StartingPosition.TRIM_HORIZON);
        nodeB.follow(config);
        f.put("in", 0, 1, "A,1");
        run(tasksA, 2);

        tasksA.owns = false;
        run(tasksA, 1); // checkpoints as it leaves
        tasksB.owns = true;
        f.put("in", 0, 1, "B,2");
        run(tasksB, 2);
        tasksB.owns = false;
        run(tasksB, 1);
        tasksA.owns = true;
        f.put("in", 0, 1, "C,3");
        run(tasksA, 2);

        // node A's own readers had read past A only: without reloading it would write B again
        assertThat(f.read("out")).containsExactly("A,1,SOURCE_SQL_STREAM_001,\n", "B,2,SOURCE_SQL_STREAM_001,\n",
                "C,3,SOURCE_SQL_STREAM_001,\n");
    }

    @Test
    void rowsTheProgramStillHeldOnTheDeadNodeAreReplayedOnTheNewOne() throws Exception {
        ApplicationConfig config = app("HOLD");
        nodeA.start(config, StartingPosition.TRIM_HORIZON);
        nodeB.follow(config);
        f.put("in", 0, 1, "A,1");
        run(tasksA, 2);
        f.put("in", 0, 1, "B,2");
        run(tasksA, 2);
        assertThat(f.read("out")).isEmpty();

        nodeADies();
        run(tasksB, 2);
        f.clock.advance(Duration.ofSeconds(2));
        run(tasksB, 1);

        assertThat(f.read("out")).containsExactly("A,1,SOURCE_SQL_STREAM_001,\n", "B,2,SOURCE_SQL_STREAM_001,\n");
    }
}
