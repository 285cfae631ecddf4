package io.sluice.cli.bench;

import io.sluice.common.Clock;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The responder used to measure the bench's own ceiling answers the bench the way a Kinesis endpoint would; as it
 * serves no fan-out, it also stands for endpoints without it.
 */
class BenchAgainstCannedKinesisTest {

    @Test
    void everyCallIsAnsweredAndCounted() throws Exception {
        try (CannedKinesis canned = new CannedKinesis(0)) {
            BenchCommand command = new BenchCommand();
            new CommandLine(command).parseArgs("--endpoint", "http://127.0.0.1:" + canned.port(), "--records", "5000",
                    "--format", "json");

            BenchReport report = new BenchRun(command.settings(), Ticker.system(), Clock.system(), new Random(),
                    new PrintWriter(new StringWriter())).run();

            assertThat(report.produced().recordsAcked()).isEqualTo(5000);
            assertThat(report.produced().calls()).isEqualTo(10);
            assertThat(report.errors()).isEmpty();
        }
    }

    @Test
    void fanOutAgainstAnEndpointWithoutItEndsWithTheReasonAndExitCodeOne() throws Exception {
        try (CannedKinesis canned = new CannedKinesis(0)) {
            StringWriter err = new StringWriter();
            CommandLine command = new CommandLine(new BenchCommand()).setErr(new PrintWriter(err))
                    .setOut(new PrintWriter(new StringWriter()));

            int exit = command.execute("--endpoint", "http://127.0.0.1:" + canned.port(), "--records", "10",
                    "--consumers", "fanout");

            assertThat(exit).isEqualTo(1);
            assertThat(err.toString()).contains("sluice bench: the endpoint does not serve enhanced fan-out")
                    .contains("UnknownOperationException").contains("use --consumers polling");
        }
    }
}
