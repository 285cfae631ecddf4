package io.sluice.agent.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.agent.config.AgentConfig.StaticCredentials;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads agent.json, the file AWS's Kinesis Agent reads (its keys, defaults and ranges, flat dotted keys such as
 * {@code "kinesis.endpoint"}), into an {@link AgentConfig}. Every problem is collected and thrown at once as an
 * {@link AgentConfigException}: unknown keys, bad values, and keys this agent refuses ({@code assumeRoleARN},
 * {@code assumeRoleExternalId}, {@code userDefinedCredentialsProvider.*}: not supported yet).
 *
 * <p>Sluice's own key: {@code sluice.metricsPort}, the port of the Prometheus metrics endpoint (0, the default: none).
 * {@code log.progressInterval} (seconds) is a Sluice alias of AWS's {@code log.statusReportingPeriodSeconds}
 * (default 30). Keys AWS's agent reads that only tune its own machinery ({@code cloudwatch.*}, {@code log.file},
 * {@code log.level}, ...) are checked and otherwise ignored: Sluice publishes metrics on Prometheus, not CloudWatch.
 *
 * <p>Stateless; thread-safe.
 */
public final class AgentConfigReader {

    public static final String METRICS_PORT_KEY = "sluice.metricsPort";
    static final Path DEFAULT_CHECKPOINT_FILE = Path.of("/var/run/aws-kinesis-agent/checkpoints");


    private final ObjectMapper mapper;
    private final int cores;

    /** A reader for this machine (maxSendingThreads defaults from its processor count). */
    public AgentConfigReader() {
        this(Runtime.getRuntime().availableProcessors());
    }

    /** A reader whose maxSendingThreads default is {@code maxSendingThreadsPerCore x cores}. */
    public AgentConfigReader(int cores) {
        this.cores = cores;
        this.mapper = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }

    public AgentConfig read(Path file) throws IOException, AgentConfigException {
        return read(Files.readString(file));
    }

    public AgentConfig read(String json) throws AgentConfigException {
        JsonNode root;
        try {
            root = mapper.readTree(json);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new AgentConfigException(List.of("not valid JSON: " + e.getOriginalMessage() + where));
        }
        if (!(root instanceof ObjectNode object)) {
            throw new AgentConfigException(List.of("the file must hold one JSON object"));
        }
        List<String> problems = new ArrayList<>();
        AgentConfig config = read(object, problems);
        if (!problems.isEmpty()) {
            throw new AgentConfigException(problems);
        }
        return config;
    }

    private AgentConfig read(ObjectNode root, List<String> problems) {
        ConfigSection top = new ConfigSection(root, "", problems);
        URI kinesisEndpoint = Endpoints.uri(top, "kinesis.endpoint");
        String kinesisRegion = region(top, "kinesis.region", kinesisEndpoint);
        URI firehoseEndpoint = Endpoints.uri(top, "firehose.endpoint");
        String firehoseRegion = region(top, "firehose.region", firehoseEndpoint);
        StaticCredentials credentials = CredentialKeys.read(root, top);

        Path checkpointFile = path(top, "checkpointFile", DEFAULT_CHECKPOINT_FILE);
        int checkpointDays = top.integer("checkpointTimeToLiveDays", 7, 1, 3650);
        int perCore = top.integer("maxSendingThreadsPerCore", 12, 1, 1000);
        int sendingThreads = top.integer("maxSendingThreads", Math.max(2, perCore * cores), 1, 10_000);
        // the AWS SDK v1's ClientConfiguration defaults, which AWS's agent uses
        int maxConnections = top.integer("maxConnections", Math.max(50, sendingThreads), 1, 100_000);
        long connectTimeout = top.number("connectionTimeoutMillis", 10_000, 1, Integer.MAX_VALUE);
        long socketTimeout = top.number("socketTimeoutMillis", 50_000, 0, Integer.MAX_VALUE);
        boolean gzip = top.bool("useHttpGzip", false);
        long shutdownTimeout = top.number("shutdownTimeoutMillis", 10_000, 0, 24 * 3_600_000L);

        UnusedKeys.check(top);
        long progressSeconds = progressSeconds(top);
        int metricsPort = top.integer(METRICS_PORT_KEY, 0, 0, 65_535);
        List<FlowConfig> flows = flows(top, problems);
        top.reportUnknownKeys();
        if (!problems.isEmpty()) {
            return null;
        }
        return new AgentConfig(kinesisEndpoint, kinesisRegion, firehoseEndpoint, firehoseRegion, credentials,
                checkpointFile, checkpointDays, sendingThreads, maxConnections, Duration.ofMillis(connectTimeout),
                Duration.ofMillis(socketTimeout), gzip, Duration.ofMillis(shutdownTimeout),
                Duration.ofSeconds(progressSeconds), metricsPort, flows);
    }

    private List<FlowConfig> flows(ConfigSection top, List<String> problems) {
        JsonNode flows = top.raw("flows");
        List<FlowConfig> result = new ArrayList<>();
        if (flows == null || !flows.isArray() || flows.isEmpty()) {
            top.problem("flows", flows == null ? "missing: at least one flow is needed"
                    : flows + " is not a non-empty list of flows");
            return result;
        }
        FlowConfigReader reader = new FlowConfigReader(mapper);
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < flows.size(); i++) {
            String where = "flows[" + i + "]";
            if (!(flows.get(i) instanceof ObjectNode flow)) {
                problems.add(where + ": " + flows.get(i) + " is not an object");
                continue;
            }
            FlowConfig read = reader.read(flow, where + ".", problems);
            if (read != null && !ids.add(read.id())) {
                problems.add(where + ": the same filePattern and destination as an earlier flow (" + read.id() + ")");
            } else if (read != null) {
                result.add(read);
            }
        }
        return result;
    }

    private static String region(ConfigSection top, String key, URI endpoint) {
        String region = top.string(key, null);
        if (region != null && region.isBlank()) {
            region = null;
        }
        if (region != null && !region.matches("[a-z]{2}(-[a-z]+)+-\\d+")) {
            top.problem(key, "\"" + region + "\" is not a region name (e.g. us-east-1)");
            return null;
        }
        return region != null ? region : Endpoints.regionOf(endpoint);
    }

    private static Path path(ConfigSection top, String key, Path defaultValue) {
        String text = top.string(key, null);
        if (text == null) {
            return defaultValue;
        }
        if (text.isBlank()) {
            top.problem(key, "must not be empty");
            return defaultValue;
        }
        return Path.of(text);
    }

    private static long progressSeconds(ConfigSection top) {
        if (top.has("log.progressInterval") && top.has("log.statusReportingPeriodSeconds")) {
            top.problem("log.progressInterval", "give log.progressInterval or log.statusReportingPeriodSeconds, "
                    + "not both");
        }
        long aws = top.number("log.statusReportingPeriodSeconds", 30, 1, 86_400);
        return top.number("log.progressInterval", aws, 1, 86_400);
    }
}
