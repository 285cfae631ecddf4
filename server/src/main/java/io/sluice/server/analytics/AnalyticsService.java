package io.sluice.server.analytics;

import io.sluice.analytics.app.ApplicationRegistry;
import io.sluice.analytics.app.ObjectReader;
import io.sluice.common.Clock;
import io.sluice.common.ErrorType;
import io.sluice.engine.KinesisEngine;
import io.sluice.firehose.FirehoseEngine;
import io.sluice.protocol.ResponseWriter;
import io.sluice.protocol.WireObject;
import io.sluice.server.http.ApiResponse;
import io.sluice.server.kinesis.RequestContext;
import io.sluice.server.pipeline.Api;
import io.sluice.server.pipeline.ApiCall;
import io.sluice.server.pipeline.ApiDefinition;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Kinesis Data Analytics API ({@code KinesisAnalytics_20150814}, the SQL applications' v1 API) as it registers
 * with the request pipeline: its 20 operations (IAM {@code kinesisanalytics:*}, signed for
 * {@code kinesisanalytics}, audited as {@code kinesisanalytics.amazonaws.com}), the application each call acts
 * on, and the actions, which answer JSON 1.1 (no CBOR). Outputs the model declares as empty structures answer
 * {@code {}}. Thread-safe.
 */
public final class AnalyticsService implements Api {

    /** The X-Amz-Target prefix, without the dot. */
    public static final String TARGET = "KinesisAnalytics_20150814";

    /** How the pipeline serves the API; also used to refuse it where it is not available. */
    public static final ApiDefinition DEFINITION = new ApiDefinition(TARGET, "kinesisanalytics",
            "kinesisanalytics", "kinesisanalytics.amazonaws.com", Set.of("AddApplicationCloudWatchLoggingOption",
            "AddApplicationInput", "AddApplicationInputProcessingConfiguration", "AddApplicationOutput",
            "AddApplicationReferenceDataSource", "CreateApplication", "DeleteApplication",
            "DeleteApplicationCloudWatchLoggingOption", "DeleteApplicationInputProcessingConfiguration",
            "DeleteApplicationOutput", "DeleteApplicationReferenceDataSource", "DescribeApplication",
            "DiscoverInputSchema", "ListApplications", "ListTagsForResource", "StartApplication", "StopApplication",
            "TagResource", "UntagResource", "UpdateApplication"), Set.of(),
            Set.of("DescribeApplication", "ListApplications", "ListTagsForResource", "DiscoverInputSchema"), false,
            ErrorType.SERVICE_UNAVAILABLE);

    private final Map<String, AnalyticsAction> actions;

    /**
     * @param registry  the applications
     * @param kinesis   the streams DiscoverInputSchema samples
     * @param firehose  the delivery streams whose source streams DiscoverInputSchema samples
     * @param objects   the S3-compatible store (or local directory) DiscoverInputSchema reads objects from
     * @param clock     what DiscoverInputSchema's NOW is measured against
     */
    public AnalyticsService(ApplicationRegistry registry, KinesisEngine kinesis, FirehoseEngine firehose,
                            ObjectReader objects, Clock clock) {
        ApplicationActions applications = new ApplicationActions(registry);
        ComponentActions components = new ComponentActions(registry);
        TagActions tags = new TagActions(registry);
        DiscoveryActions discovery = new DiscoveryActions(new StreamSampler(kinesis, clock), firehose,
                objects);
        this.actions = Map.ofEntries(
                Map.entry("CreateApplication", applications::create),
                Map.entry("DescribeApplication", applications::describe),
                Map.entry("ListApplications", applications::list),
                Map.entry("UpdateApplication", applications::update),
                Map.entry("DeleteApplication", applications::delete),
                Map.entry("StartApplication", applications::start),
                Map.entry("StopApplication", applications::stop),
                Map.entry("AddApplicationInput", components::addInput),
                Map.entry("AddApplicationOutput", components::addOutput),
                Map.entry("AddApplicationReferenceDataSource", components::addReference),
                Map.entry("AddApplicationCloudWatchLoggingOption", components::addLogging),
                Map.entry("AddApplicationInputProcessingConfiguration", components::addProcessing),
                Map.entry("DeleteApplicationOutput", components::deleteOutput),
                Map.entry("DeleteApplicationReferenceDataSource", components::deleteReference),
                Map.entry("DeleteApplicationCloudWatchLoggingOption", components::deleteLogging),
                Map.entry("DeleteApplicationInputProcessingConfiguration", components::deleteProcessing),
                Map.entry("TagResource", tags::tag),
                Map.entry("UntagResource", tags::untag),
                Map.entry("ListTagsForResource", tags::list),
                Map.entry("DiscoverInputSchema", discovery::discover));
        if (!actions.keySet().equals(DEFINITION.operations())) {
            throw new IllegalStateException("every Kinesis Analytics operation needs an action, and only those");
        }
    }

    @Override
    public ApiDefinition definition() {
        return DEFINITION;
    }

    /**
     * The application a call names (by ApplicationName, or by ResourceARN for the tag operations); every
     * application of the account for ListApplications and DiscoverInputSchema, which name none.
     */
    @Override
    public List<String> resources(ApiCall call) {
        return resourcesOf(call);
    }

    /** What {@link #resources} answers, without a service behind it. */
    public static List<String> resourcesOf(ApiCall call) {
        RequestContext context = call.caller().context();
        WireObject input = call.input();
        String resourceArn = input.string("ResourceARN");
        if (call.operation().endsWith("Resource") && resourceArn != null) {
            return List.of(resourceArn);
        }
        String name = input.string("ApplicationName");
        return List.of("arn:aws:kinesisanalytics:" + context.region() + ":" + context.account() + ":application/"
                + (name == null || call.operation().equals("ListApplications") ? "*" : name));
    }

    @Override
    public ApiResponse serve(ApiCall call) {
        ResponseWriter output = new ResponseWriter(call.format());
        actions.get(call.operation()).handle(call.caller().context(), call.input(), output);
        return ApiResponse.ok(call.format().contentType(), output.finish());
    }
}
