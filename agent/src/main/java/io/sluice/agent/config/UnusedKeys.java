package io.sluice.agent.config;

import java.util.Set;

/**
 * Top-level keys AWS's agent reads that tune only its own machinery (CloudWatch metrics, log4j files, its thread
 * pool, SDK v1 connection details): a file moved over as it is keeps them, so they are checked like the others but not
 * used. Sluice's agent publishes metrics on Prometheus and logs through Sluice's logging. Stateless.
 */
final class UnusedKeys {

    private static final Set<String> LOG_LEVELS = Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR");
    private static final int INT_MAX = Integer.MAX_VALUE;

    private UnusedKeys() {
    }

    static void check(ConfigSection top) {
        top.bool("cloudwatch.emitMetrics", true);
        Endpoints.uri(top, "cloudwatch.endpoint");
        top.string("cloudwatch.namespace", "AWSKinesisAgent");
        top.number("cloudwatch.metricsBufferTimeMillis", 30_000, 1, Long.MAX_VALUE);
        top.integer("cloudwatch.metricsQueueSize", 10_000, 1, INT_MAX);
        // sts.endpoint only serves assumeRoleARN, which is refused
        Endpoints.uri(top, "sts.endpoint");
        top.string("log.file", null);
        String level = top.string("log.level", null);
        if (level != null && !LOG_LEVELS.contains(level)) {
            top.problem("log.level", "\"" + level + "\" is not one of TRACE, DEBUG, INFO, WARN, ERROR");
        }
        top.integer("log.maxBackupIndex", -1, -1, INT_MAX);
        top.number("log.maxFileSize", -1, -1, Long.MAX_VALUE);
        top.bool("log.emitMetrics", false);
        top.bool("log.emitInternalMetrics", false);
        top.number("sendingThreadsKeepAliveMillis", 60_000, 0, Long.MAX_VALUE);
        top.integer("sendingThreadsMaxQueueSize", 100, 1, INT_MAX);
        top.number("connectionTTLMillis", -1, -1, Long.MAX_VALUE);
        top.bool("useTcpKeepAlive", false);
    }
}
