package io.sluice.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class AgentCommandTest {

    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine command = new CommandLine(new SluiceCommand());
        command.setErr(new PrintWriter(err, true));
        return command.execute(args);
    }

    @Test
    void anAgentJsonWithProblemsPrintsThemAndExitsNonZeroWithoutStarting() throws Exception {
        Path config = dir.resolve("agent.json");
        Files.writeString(config, """
                {"checkpointFile": "%s", "flows": [{"filePattern": "/tmp/app.log*", "kinesisStream": "logs",
                 "maxBufferSizeRecords": 0, "partitionKeyOption": "SOMETIMES"}], "bogusKey": 1}
                """.formatted(dir.resolve("checkpoints")));

        int exit = run("agent", "--config", config.toString());

        assertThat(exit).isEqualTo(AgentCommand.CONFIG_ERROR);
        assertThat(err.toString()).contains("agent.json", "bogusKey", "maxBufferSizeRecords", "SOMETIMES");
        assertThat(dir.resolve("checkpoints")).doesNotExist();
    }

    @Test
    void aMissingAgentJsonIsNamed() {
        int exit = run("agent", "--config", dir.resolve("nope.json").toString());

        assertThat(exit).isEqualTo(AgentCommand.CONFIG_ERROR);
        assertThat(err.toString()).contains("no such file", "nope.json");
    }
}
