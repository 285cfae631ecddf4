package io.sluice.server.analytics;

import io.sluice.analytics.app.ApplicationConfig;
import io.sluice.analytics.app.InputConfig;
import io.sluice.analytics.app.OutputConfig;
import io.sluice.analytics.app.ReferenceConfig;
import io.sluice.analytics.app.SourceKind;
import io.sluice.server.kinesis.RequestContext;

import java.util.List;

/**
 * What an application does with other resources, checked against the principal that starts it: KDA acts through
 * the application's IAM role, which Sluice does not assume, so the caller must hold the role's permissions (by
 * its identity policies, or a stream's resource policy across accounts), as for a Firehose delivery stream that
 * reads a stream. On a server without a credentials file every check passes. Stateless.
 */
final class ResourceAccess {

    static final List<String> STREAM_READ = List.of("kinesis:DescribeStream", "kinesis:GetShardIterator",
            "kinesis:GetRecords", "kinesis:ListShards");
    static final List<String> DELIVERY_STREAM_READ = List.of("firehose:DescribeDeliveryStream");
    static final List<String> STREAM_WRITE = List.of("kinesis:DescribeStream", "kinesis:PutRecord",
            "kinesis:PutRecords");
    static final List<String> DELIVERY_STREAM_WRITE = List.of("firehose:DescribeDeliveryStream",
            "firehose:PutRecord", "firehose:PutRecordBatch");
    static final List<String> FUNCTION_CALL = List.of("lambda:InvokeFunction", "lambda:GetFunctionConfiguration");

    private ResourceAccess() {
    }

    /** AccessDeniedException naming the first action and resource the caller lacks. */
    static void requireAll(RequestContext context, ApplicationConfig config) {
        for (InputConfig input : config.inputs()) {
            require(context, input.kind() == SourceKind.KINESIS_STREAM ? STREAM_READ : DELIVERY_STREAM_READ,
                    input.resourceArn());
            if (input.processorArn() != null) {
                require(context, FUNCTION_CALL, input.processorArn());
            }
        }
        for (OutputConfig output : config.outputs()) {
            require(context, switch (output.kind()) {
                case KINESIS_STREAM -> STREAM_WRITE;
                case FIREHOSE -> DELIVERY_STREAM_WRITE;
                case LAMBDA -> FUNCTION_CALL;
            }, output.resourceArn());
        }
        for (ReferenceConfig reference : config.references()) {
            require(context, List.of("s3:GetObject"), reference.bucketArn() + "/" + reference.fileKey());
        }
    }

    private static void require(RequestContext context, List<String> actions, String resource) {
        for (String action : actions) {
            context.permissions().require(action, resource);
        }
    }
}
