package io.sluice.server.analytics;

import io.sluice.analytics.app.Application;
import io.sluice.analytics.app.ApplicationChange;
import io.sluice.analytics.app.ApplicationDefinition;
import io.sluice.analytics.app.ApplicationKey;
import io.sluice.analytics.app.ApplicationPage;
import io.sluice.analytics.app.ApplicationRegistry;
import io.sluice.analytics.app.InputConfig;
import io.sluice.analytics.app.LoggingOption;
import io.sluice.analytics.app.OutputConfig;
import io.sluice.analytics.app.StartingPosition;
import io.sluice.protocol.ResponseWriter;
import io.sluice.protocol.Validator;
import io.sluice.protocol.WireObject;
import io.sluice.server.kinesis.RequestContext;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The operations on whole applications: CreateApplication, DescribeApplication, ListApplications,
 * UpdateApplication, DeleteApplication, StartApplication, StopApplication. Thread-safe.
 */
final class ApplicationActions {

    private static final int DEFAULT_LIST_LIMIT = 50;

    private final ApplicationRegistry registry;

    ApplicationActions(ApplicationRegistry registry) {
        this.registry = registry;
    }

    void create(RequestContext context, WireObject in, ResponseWriter out) {
        Validator v = new Validator();
        ConfigReader reader = new ConfigReader(v);
        String name = name(reader, in);
        String description = reader.string(in, "", "ApplicationDescription", false, 0, 1024, null);
        String code = reader.string(in, "", "ApplicationCode", false, 0, 102_400, null);
        List<InputConfig> inputs = new ArrayList<>();
        List<WireObject> inputItems = in.objects("Inputs");
        for (int i = 0; inputItems != null && i < inputItems.size(); i++) {
            inputs.add(reader.input(inputItems.get(i), ConfigReader.item("inputs", i),
                    ApplicationDefinition.newId(1, i + 1)));
        }
        List<OutputConfig> outputs = new ArrayList<>();
        List<WireObject> outputItems = in.objects("Outputs");
        for (int i = 0; outputItems != null && i < outputItems.size(); i++) {
            outputs.add(reader.output(outputItems.get(i), ConfigReader.item("outputs", i),
                    ApplicationDefinition.newId(1, i + 1)));
        }
        List<LoggingOption> logging = new ArrayList<>();
        List<WireObject> loggingItems = in.objects("CloudWatchLoggingOptions");
        for (int i = 0; loggingItems != null && i < loggingItems.size(); i++) {
            logging.add(reader.logging(loggingItems.get(i), ConfigReader.item("cloudWatchLoggingOptions", i),
                    ApplicationDefinition.newId(1, i + 1)));
        }
        Map<String, String> tags = TagActions.readTags(v, in.objects("Tags"));
        reader.check();
        Application app = registry.create(key(context, name), new ApplicationDefinition(description, code, inputs,
                outputs, List.of(), logging), tags);
        out.startObject("ApplicationSummary");
        DescriptionWriter.summary(out, app);
        out.endObject();
    }

    void describe(RequestContext context, WireObject in, ResponseWriter out) {
        ConfigReader reader = new ConfigReader(new Validator());
        String name = name(reader, in);
        reader.check();
        DescriptionWriter.detail(out, registry.describe(key(context, name)));
    }

    void list(RequestContext context, WireObject in, ResponseWriter out) {
        Validator v = new Validator();
        Integer limit = in.integer("Limit");
        String start = in.string("ExclusiveStartApplicationName");
        v.range("limit", limit, 1, 50).length("exclusiveStartApplicationName", start, 1, 128)
                .pattern("exclusiveStartApplicationName", start, Patterns.NAME).check();
        ApplicationPage page = registry.list(context.account(), context.region(), start,
                limit == null ? DEFAULT_LIST_LIMIT : limit);
        out.startArray("ApplicationSummaries");
        for (Application app : page.applications()) {
            out.startObject();
            DescriptionWriter.summary(out, app);
            out.endObject();
        }
        out.endArray().bool("HasMoreApplications", page.hasMore());
    }

    void update(RequestContext context, WireObject in, ResponseWriter out) {
        ConfigReader reader = new ConfigReader(new Validator());
        String name = name(reader, in);
        Long version = version(reader, in);
        WireObject update = in.object("ApplicationUpdate");
        reader.validator().required("applicationUpdate", update);
        ApplicationChange change = update == null ? null : new UpdateReader(reader).read(update, "applicationUpdate");
        reader.check();
        registry.change(key(context, name), version, change);
    }

    void delete(RequestContext context, WireObject in, ResponseWriter out) {
        ConfigReader reader = new ConfigReader(new Validator());
        String name = name(reader, in);
        Long created = in.timestampMillis("CreateTimestamp");
        reader.validator().required("createTimestamp", created);
        reader.check();
        registry.delete(key(context, name), created);
    }

    void start(RequestContext context, WireObject in, ResponseWriter out) {
        ConfigReader reader = new ConfigReader(new Validator());
        String name = name(reader, in);
        List<WireObject> configurations = in.objects("InputConfigurations");
        reader.validator().required("inputConfigurations", configurations);
        Map<String, StartingPosition> positions = new LinkedHashMap<>();
        for (int i = 0; configurations != null && i < configurations.size(); i++) {
            String p = ConfigReader.item("inputConfigurations", i);
            String id = reader.string(configurations.get(i), p, "Id", true, 1, 50, Patterns.ID);
            StartingPosition position = position(reader, configurations.get(i), p, true);
            if (id != null) {
                positions.put(id, position == null ? StartingPosition.NOW : position);
            }
        }
        reader.check();
        ApplicationKey key = key(context, name);
        ResourceAccess.requireAll(context, registry.describe(key).config());
        registry.start(key, positions);
    }

    void stop(RequestContext context, WireObject in, ResponseWriter out) {
        ConfigReader reader = new ConfigReader(new Validator());
        String name = name(reader, in);
        reader.check();
        registry.stop(key(context, name));
    }

    /** An InputStartingPositionConfiguration member: its position, or null when absent. */
    static StartingPosition position(ConfigReader reader, WireObject in, String p, boolean required) {
        WireObject configuration = in.object("InputStartingPositionConfiguration");
        String cp = ConfigReader.path(p, "InputStartingPositionConfiguration");
        if (required) {
            reader.validator().required(cp, configuration);
        }
        String position = configuration == null ? null : configuration.string("InputStartingPosition");
        reader.validator().oneOf(ConfigReader.path(cp, "InputStartingPosition"), position, ConfigReader.POSITIONS);
        return position == null || !ConfigReader.POSITIONS.contains(position) ? null
                : StartingPosition.valueOf(position);
    }

    /** The ApplicationName member, checked. */
    static String name(ConfigReader reader, WireObject in) {
        return reader.string(in, "", "ApplicationName", true, 1, 128, Patterns.NAME);
    }

    /** The CurrentApplicationVersionId member, checked (1 to 999999999). */
    static Long version(ConfigReader reader, WireObject in) {
        Integer version = in.integer("CurrentApplicationVersionId");
        reader.validator().required("currentApplicationVersionId", version)
                .range("currentApplicationVersionId", version, 1, 999_999_999);
        return version == null ? null : version.longValue();
    }

    static ApplicationKey key(RequestContext context, String name) {
        return new ApplicationKey(context.account(), context.region(), name);
    }
}
