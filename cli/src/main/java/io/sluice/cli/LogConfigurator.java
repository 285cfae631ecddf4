package io.sluice.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import org.slf4j.Logger;

/**
 * Sluice's logging set-up in code: lines on standard output, human-readable by default or one JSON object per line
 * when {@value #FORMAT_PROPERTY} is {@code json}; Netty and the Kafka clients at WARN (the clients log every
 * setting of every client they make, and each reconnection, at INFO), two of Hadoop's start-up warnings off, the
 * rest at INFO. Logback finds it through
 * {@code META-INF/services} and runs it before its XML configurator, whose parsing alone took about a sixth of the
 * server's start-up (JFR). A file of one's own still wins, as with stock logback: one named by
 * {@code -Dlogback.configurationFile} (through {@code SLUICE_JAVA_OPTS}), or, unless JSON was asked for, a
 * {@code logback-test.xml} on the class path of a test; this configurator then steps aside. Called once by logback, on the thread
 * that first asks for a logger.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class LogConfigurator extends ContextAwareBase implements Configurator {

    /** {@code text} (the default) or {@code json}. */
    public static final String FORMAT_PROPERTY = "sluice.log.format";
    static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level %logger{0} - %msg%n";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        boolean json = "json".equals(System.getProperty(FORMAT_PROPERTY));
        if (System.getProperty("logback.configurationFile") != null || !json && hasTestFile()) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        Encoder<ILoggingEvent> encoder = json ? new JsonEncoder() : pattern(context);
        encoder.setContext(context);
        encoder.start();
        ConsoleAppender<ILoggingEvent> out = new ConsoleAppender<>();
        out.setContext(context);
        out.setName("out");
        out.setEncoder(encoder);
        out.start();
        context.getLogger("io.netty").setLevel(Level.WARN);
        context.getLogger("org.apache.kafka").setLevel(Level.WARN);
        // Hadoop serves only local files here (Parquet, ORC, Iceberg); on Java 24+ its file system loader warns,
        // with a stack trace, that a file system Sluice never uses (viewfs) needs an API those Javas removed
        context.getLogger("org.apache.hadoop.fs.FileSystem").setLevel(Level.ERROR);
        context.getLogger("org.apache.hadoop.util.NativeCodeLoader").setLevel(Level.ERROR);
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(out);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    private static boolean hasTestFile() {
        ClassLoader loader = LogConfigurator.class.getClassLoader();
        return loader.getResource("logback-test.xml") != null;
    }

    private static PatternLayoutEncoder pattern(LoggerContext context) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        return encoder;
    }
}
