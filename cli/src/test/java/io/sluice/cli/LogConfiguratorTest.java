package io.sluice.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.status.Status;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Logback's own start-up, as the server runs it, on a fresh context each time. */
class LogConfiguratorTest {

    @AfterEach
    void clearProperties() {
        System.clearProperty(LogConfigurator.FORMAT_PROPERTY);
        System.clearProperty("logback.configurationFile");
    }

    private static LoggerContext autoConfigured() throws Exception {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        new ContextInitializer(context).autoConfig();
        return context;
    }

    private static String encode(LoggerContext context, String message) {
        OutputStreamAppender<ILoggingEvent> out = (OutputStreamAppender<ILoggingEvent>)
                context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("out");
        LoggingEvent event = new LoggingEvent(LogConfiguratorTest.class.getName(),
                context.getLogger("io.sluice.server.SluiceServer"), Level.INFO, message, null, null);
        return new String(out.getEncoder().encode(event), StandardCharsets.UTF_8);
    }

    @Test
    void logsReadableLinesWithoutParsingAnyXml() throws Exception {
        LoggerContext context = autoConfigured();

        assertThat(encode(context, "Sluice listening")).matches(
                "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\S+ INFO  SluiceServer - Sluice listening\\R");
        assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getLevel()).isEqualTo(Level.INFO);
        assertThat(context.getLogger("io.netty").getEffectiveLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("org.apache.kafka.clients.producer.ProducerConfig").getEffectiveLevel())
                .isEqualTo(Level.WARN);
        // the XML configurator reports the file it found; it must not have run at all
        assertThat(context.getStatusManager().getCopyOfStatusList()).extracting(Status::getMessage)
                .noneMatch(message -> message.contains("Found resource"));
    }

    @Test
    void logsOneJsonObjectPerLineWhenAskedTo() throws Exception {
        System.setProperty(LogConfigurator.FORMAT_PROPERTY, "json");
        LoggerContext context = autoConfigured();

        String line = encode(context, "Sluice listening");
        assertThat(line).startsWith("{").endsWith("}\n").contains("\"message\":\"Sluice listening\"")
                .contains("\"level\":\"INFO\"");
    }

    @Test
    void anOperatorsFileNamedOnTheCommandLineWins() throws Exception {
        System.setProperty("logback.configurationFile", "no-such-logback-file.xml");
        LoggerContext context = autoConfigured();

        assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("out")).isNull();
        assertThat(context.getStatusManager().getCopyOfStatusList()).extracting(Status::getMessage)
                .anyMatch(message -> message.contains("no-such-logback-file.xml"));
    }
}
