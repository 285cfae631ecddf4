package io.sluice.server.analytics.io;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sluice.analytics.app.ApplicationConfig;
import io.sluice.analytics.app.ApplicationConfigurationException;
import io.sluice.analytics.app.InputConfig;
import io.sluice.analytics.app.SourceKind;
import io.sluice.analytics.app.StartingPosition;
import io.sluice.analytics.format.RecordColumn;
import io.sluice.analytics.format.RecordFormat;
import io.sluice.analytics.format.SourceSchema;
import io.sluice.analytics.host.HostConfig;
import io.sluice.analytics.program.CodeValidationException;
import io.sluice.analytics.program.SqlCompiler;
import io.sluice.analytics.type.SqlType;
import io.sluice.common.ManualClock;
import io.sluice.engine.EngineConfig;
import io.sluice.engine.KinesisEngine;
import io.sluice.engine.store.LocalMetaStore;
import io.sluice.engine.task.TaskRunner;
import io.sluice.firehose.FirehoseConfig;
import io.sluice.firehose.FirehoseEngine;
import io.sluice.firehose.delivery.DeliveryObserver;
import io.sluice.firehose.delivery.LocalDirectoryObjectStore;
import io.sluice.storage.LogConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The runtime as the server builds it: real engines, the server's object store layout. */
class AnalyticsRuntimeTest {

    @TempDir
    Path dir;

    @Test
    void theRuntimeChecksSourcesAgainstTheServersStreamsAndReadsFirehosesObjects() throws Exception {
        ManualClock clock = new ManualClock(1_700_000_000_000L);
        LogConfig log = new LogConfig(1 << 20, Duration.ofHours(1).toMillis(), 4096, false);
        SqlCompiler refuses = new SqlCompiler() {
            @Override
            public void check(String code) throws CodeValidationException {
                throw new CodeValidationException("not used", 0, 0);
            }

            @Override
            public io.sluice.analytics.program.CompiledProgram compile(String code,
                    io.sluice.analytics.program.Catalog catalog) throws CodeValidationException {
                throw new CodeValidationException("not used", 0, 0);
            }
        };
        try (KinesisEngine kinesis = new KinesisEngine(dir.resolve("kinesis"), EngineConfig.defaults(), log, clock);
             TaskRunner tasks = new TaskRunner(clock, Duration.ofMillis(100), Duration.ofMinutes(1));
             FirehoseEngine firehose = new FirehoseEngine(FirehoseConfig.defaults(dir.resolve("firehose")), clock,
                     kinesis, new LocalDirectoryObjectStore(dir.resolve("objects")), DeliveryObserver.NONE);
             LocalMetaStore meta = LocalMetaStore.open(dir.resolve("analytics-meta"));
             AnalyticsRuntime runtime = AnalyticsRuntime.create(kinesis, firehose, null, dir.resolve("objects"),
                     Duration.ofSeconds(5), null, tasks, clock, HostConfig.defaults(dir.resolve("analytics")), meta,
                     refuses, new SimpleMeterRegistry())) {
            new LocalDirectoryObjectStore(dir.resolve("objects")).put("bucket", "ref.csv",
                    "AMZN,Amazon".getBytes(StandardCharsets.UTF_8));
            assertThat(runtime.objects().read("arn:aws:s3:::bucket", "ref.csv")).asString(StandardCharsets.UTF_8)
                    .isEqualTo("AMZN,Amazon");

            SourceSchema schema = new SourceSchema(RecordFormat.csv(",", "\n"), "UTF-8",
                    List.of(new RecordColumn("TICKER", SqlType.varchar(4), null)));
            ApplicationConfig app = new ApplicationConfig("arn:aws:kinesisanalytics:us-east-1:000000000000:"
                    + "application/app", "app", 1, "code", List.of(new InputConfig("1.1", "SOURCE_SQL_STREAM", 1,
                    SourceKind.FIREHOSE, "arn:aws:firehose:us-east-1:000000000000:deliverystream/none", "role", null,
                    null, schema, null)), List.of(), List.of());
            assertThatThrownBy(() -> runtime.runner().start(app, StartingPosition.NOW))
                    .isInstanceOf(ApplicationConfigurationException.class)
                    .hasMessageContaining("Firehose delivery stream")
                    .hasMessageContaining("does not exist");
        }
    }
}
