package io.sluice.server.firehose;

import io.sluice.common.ServiceException;
import io.sluice.firehose.CreateRequest;
import io.sluice.firehose.DeliveryStreamKey;
import io.sluice.firehose.DeliveryStreamMeta;
import io.sluice.firehose.DeliveryStreamPage;
import io.sluice.firehose.DeliveryStreamType;
import io.sluice.firehose.FirehoseEngine;
import io.sluice.firehose.config.DestinationConfig;
import io.sluice.protocol.ResponseWriter;
import io.sluice.protocol.Validator;
import io.sluice.protocol.WireObject;
import io.sluice.server.kinesis.RequestContext;

import java.util.List;
import java.util.Map;

/**
 * The control-plane operations on delivery streams: create, delete, describe, list, and UpdateDestination. A
 * delivery stream that reads a Kinesis stream reads it for the principal that creates or updates it, so that
 * principal must be allowed to read the stream ({@link #SOURCE_READ_ACTIONS}, by its identity policies or the
 * stream's resource policy, across accounts as for Kinesis itself). Thread-safe.
 */
final class DeliveryStreamActions {

    private static final List<String> TYPES = List.of("DirectPut", "KinesisStreamAsSource", "MSKAsSource",
            "DatabaseAsSource");
    private static final List<String> SUPPORTED_TYPES = List.of("DirectPut", "KinesisStreamAsSource", "MSKAsSource");
    private static final int DEFAULT_LIST_LIMIT = 10;
    /** What a delivery stream does with its source stream: the caller needs each of these on it. */
    static final List<String> SOURCE_READ_ACTIONS = List.of("kinesis:DescribeStream", "kinesis:GetShardIterator",
            "kinesis:GetRecords", "kinesis:ListShards");

    private final FirehoseEngine engine;
    private final DestinationParser destinations = new DestinationParser();

    DeliveryStreamActions(FirehoseEngine engine) {
        this.engine = engine;
    }

    void create(RequestContext context, WireObject in, ResponseWriter out) {
        String name = in.string("DeliveryStreamName");
        String type = in.string("DeliveryStreamType");
        Validator v = name(new Validator(), name).oneOf("deliveryStreamType", type, TYPES);
        WireObject direct = in.object("DirectPutSourceConfiguration");
        Integer hint = direct == null ? null : direct.integer("ThroughputHintInMBs");
        if (direct != null) {
            v.required("directPutSourceConfiguration.throughputHintInMBs", hint)
                    .range("directPutSourceConfiguration.throughputHintInMBs", hint, 1, 100);
        }
        WireObject kinesis = in.object("KinesisStreamSourceConfiguration");
        String streamArn = kinesis == null ? null : kinesis.string("KinesisStreamARN");
        String roleArn = kinesis == null ? null : kinesis.string("RoleARN");
        if (kinesis != null) {
            String p = "kinesisStreamSourceConfiguration.";
            v.required(p + "kinesisStreamARN", streamArn).length(p + "kinesisStreamARN", streamArn, 1, 512)
                    .pattern(p + "kinesisStreamARN", streamArn, Patterns.KINESIS_STREAM_ARN)
                    .required(p + "roleARN", roleArn).length(p + "roleARN", roleArn, 1, 512)
                    .pattern(p + "roleARN", roleArn, Patterns.ROLE_ARN);
        }
        WireObject mskConfig = in.object("MSKSourceConfiguration");
        CreateRequest.MskRequest msk = MskSourceReader.read(v, mskConfig);
        WireObject encryption = in.object("DeliveryStreamEncryptionConfigurationInput");
        EncryptionActions.validate(v, "deliveryStreamEncryptionConfigurationInput", encryption);
        Map<String, String> tags = TagActions.readTags(v, in.objects("Tags"));
        DestinationConfig destination = destinations.create(in, v);
        v.check();
        DeliveryStreamType streamType = sourceType(type, direct, kinesis, mskConfig);
        if (encryption != null && streamType != DeliveryStreamType.DirectPut) {
            throw ServiceException.invalidArgument("Encryption cannot be configured for a delivery stream of type "
                    + streamType + "; encrypt the source instead.");
        }
        DestinationRules.check(destination);
        if (streamType == DeliveryStreamType.KinesisStreamAsSource) {
            requireSourceRead(context, streamArn);
        }
        String arn = engine.create(new CreateRequest(key(context, name), streamType, hint, streamArn, roleArn,
                destination, tags, encryption == null ? null : encryption.string("KeyType"),
                encryption == null ? null : encryption.string("KeyARN"), msk));
        out.string("DeliveryStreamARN", arn);
    }

    private static DeliveryStreamType sourceType(String type, WireObject direct, WireObject kinesis,
                                                 WireObject msk) {
        if (type != null && !SUPPORTED_TYPES.contains(type)) {
            throw DestinationRules.notYet("The " + type + " source");
        }
        DeliveryStreamType streamType = type == null ? DeliveryStreamType.DirectPut : DeliveryStreamType.valueOf(type);
        if ((streamType == DeliveryStreamType.MSKAsSource) != (msk != null)) {
            throw ServiceException.invalidArgument("MSKSourceConfiguration is required for, and only allowed for, "
                    + "a delivery stream of type MSKAsSource.");
        }
        if (streamType == DeliveryStreamType.MSKAsSource && (direct != null || kinesis != null)) {
            throw ServiceException.invalidArgument("Only MSKSourceConfiguration is allowed for a delivery stream "
                    + "of type MSKAsSource.");
        }
        if (streamType == DeliveryStreamType.KinesisStreamAsSource && kinesis == null) {
            throw ServiceException.invalidArgument("KinesisStreamSourceConfiguration is required for a delivery "
                    + "stream of type KinesisStreamAsSource.");
        }
        if (streamType != DeliveryStreamType.KinesisStreamAsSource && kinesis != null) {
            throw ServiceException.invalidArgument("KinesisStreamSourceConfiguration is only allowed for a delivery "
                    + "stream of type KinesisStreamAsSource.");
        }
        if (streamType == DeliveryStreamType.KinesisStreamAsSource && direct != null) {
            throw ServiceException.invalidArgument("DirectPutSourceConfiguration is only allowed for a delivery "
                    + "stream of type DirectPut.");
        }
        return streamType;
    }

    void delete(RequestContext context, WireObject in, ResponseWriter out) {
        String name = in.string("DeliveryStreamName");
        in.bool("AllowForceDelete"); // a type check only: Sluice deletes without a KMS grant to retire
        name(new Validator(), name).check();
        engine.delete(key(context, name));
    }

    void describe(RequestContext context, WireObject in, ResponseWriter out) {
        String name = in.string("DeliveryStreamName");
        Integer limit = in.integer("Limit");
        String start = in.string("ExclusiveStartDestinationId");
        name(new Validator(), name).range("limit", limit, 1, 10000)
                .length("exclusiveStartDestinationId", start, 1, 100)
                .pattern("exclusiveStartDestinationId", start, Patterns.DESTINATION_ID).check();
        DescriptionWriter.write(out, engine.describe(key(context, name)));
    }

    void list(RequestContext context, WireObject in, ResponseWriter out) {
        Integer limit = in.integer("Limit");
        String type = in.string("DeliveryStreamType");
        String start = in.string("ExclusiveStartDeliveryStreamName");
        new Validator().range("limit", limit, 1, 10000).oneOf("deliveryStreamType", type, TYPES)
                .length("exclusiveStartDeliveryStreamName", start, 1, 64)
                .pattern("exclusiveStartDeliveryStreamName", start, Patterns.NAME).check();
        DeliveryStreamType filter = type == null || !SUPPORTED_TYPES.contains(type) ? null
                : DeliveryStreamType.valueOf(type);
        DeliveryStreamPage page = type != null && filter == null ? new DeliveryStreamPage(List.of(), false)
                : engine.list(context.account(), context.region(), filter, start,
                limit == null ? DEFAULT_LIST_LIMIT : limit);
        out.startArray("DeliveryStreamNames");
        page.names().forEach(out::string);
        out.endArray().bool("HasMoreDeliveryStreams", page.hasMore());
    }

    void updateDestination(RequestContext context, WireObject in, ResponseWriter out) {
        String name = in.string("DeliveryStreamName");
        String version = in.string("CurrentDeliveryStreamVersionId");
        String destinationId = in.string("DestinationId");
        Validator v = name(new Validator(), name).required("currentDeliveryStreamVersionId", version)
                .length("currentDeliveryStreamVersionId", version, 1, 50)
                .pattern("currentDeliveryStreamVersionId", version, Patterns.VERSION_ID)
                .required("destinationId", destinationId).length("destinationId", destinationId, 1, 100)
                .pattern("destinationId", destinationId, Patterns.DESTINATION_ID);
        DeliveryStreamKey key = key(context, name);
        // the model's checks come first, against the destination as it is now (if the stream is there at all)
        DeliveryStreamMeta current = current(key);
        destinations.update(in, v, current == null ? null : current.destination());
        v.check();
        if (current != null && current.kinesisSource() != null) {
            requireSourceRead(context, current.kinesisSource().streamArn());
        }
        engine.updateDestination(key, version, destinationId, now -> {
            Validator again = new Validator();
            DestinationConfig updated = destinations.update(in, again, now);
            again.check();
            DestinationRules.check(updated);
            return updated;
        });
    }

    /** AccessDeniedException unless the caller may read the source stream as the delivery stream will. */
    private static void requireSourceRead(RequestContext context, String streamArn) {
        for (String action : SOURCE_READ_ACTIONS) {
            context.permissions().require(action, streamArn);
        }
    }

    private DeliveryStreamMeta current(DeliveryStreamKey key) {
        try {
            return key.name() == null ? null : engine.describe(key).meta();
        } catch (ServiceException notFound) {
            return null; // reported by the update itself, after the model's checks
        }
    }

    /** Checks a DeliveryStreamName member into {@code v}. */
    static Validator name(Validator v, String name) {
        return v.required("deliveryStreamName", name).length("deliveryStreamName", name, 1, 64)
                .pattern("deliveryStreamName", name, Patterns.NAME);
    }

    static DeliveryStreamKey key(RequestContext context, String name) {
        return new DeliveryStreamKey(context.account(), context.region(), name);
    }
}
