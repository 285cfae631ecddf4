package io.sluice.server.analytics;

import io.sluice.analytics.app.ObjectReader;
import io.sluice.analytics.app.StartingPosition;
import io.sluice.analytics.format.DiscoveryResult;
import io.sluice.analytics.format.SchemaDiscovery;
import io.sluice.analytics.format.UnableToDetectSchema;
import io.sluice.common.ErrorType;
import io.sluice.common.ServiceException;
import io.sluice.firehose.DeliveryStreamKey;
import io.sluice.firehose.FirehoseEngine;
import io.sluice.firehose.KinesisSource;
import io.sluice.protocol.ResponseWriter;
import io.sluice.protocol.Validator;
import io.sluice.protocol.WireObject;
import io.sluice.server.kinesis.RequestContext;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.List;

/**
 * DiscoverInputSchema: sample records of a Kinesis stream ({@link StreamSampler}) or a whole S3 object
 * ({@link ObjectReader}), and the schema {@link SchemaDiscovery} finds in them. For a delivery stream that reads a
 * Kinesis stream, discovery samples that stream, whose records are the delivery stream's; a DirectPut delivery
 * stream is refused clearly, since Sluice keeps its records only in its buffer on their way to the destination.
 * An {@code InputProcessingConfiguration} is refused by name: Sluice does not call pre-processing functions during
 * discovery. Thread-safe.
 */
final class DiscoveryActions {

    /** What the caller needs on a stream to sample it, as reading it would. */
    private static final List<String> STREAM_READ_ACTIONS = List.of("kinesis:DescribeStream",
            "kinesis:GetShardIterator", "kinesis:GetRecords", "kinesis:ListShards");

    private final StreamSampler streams;
    private final FirehoseEngine firehose;
    private final ObjectReader objects;
    private final SchemaDiscovery discovery = new SchemaDiscovery();

    DiscoveryActions(StreamSampler streams, FirehoseEngine firehose, ObjectReader objects) {
        this.streams = streams;
        this.firehose = firehose;
        this.objects = objects;
    }

    void discover(RequestContext context, WireObject in, ResponseWriter out) {
        ConfigReader reader = new ConfigReader(new Validator());
        String resource = reader.string(in, "", "ResourceARN", false, 1, 2048, Patterns.ARN);
        reader.string(in, "", "RoleARN", false, 1, 2048, Patterns.ROLE_ARN);
        StartingPosition position = ApplicationActions.position(reader, in, "", false);
        WireObject s3 = in.object("S3Configuration");
        String bucket = reader.string(s3, "s3Configuration", "BucketARN", s3 != null, 1, 2048, Patterns.ARN);
        String key = reader.string(s3, "s3Configuration", "FileKey", s3 != null, 1, 1024, null);
        reader.string(s3, "s3Configuration", "RoleARN", s3 != null, 1, 2048, Patterns.ROLE_ARN);
        WireObject processing = in.object("InputProcessingConfiguration");
        reader.processing(processing, "inputProcessingConfiguration");
        if ((resource == null) == (s3 == null)) {
            reader.refuse("DiscoverInputSchema needs either ResourceARN (a streaming source) or S3Configuration "
                    + "(an S3 object), not both or neither.");
        }
        reader.check();
        if (processing != null) {
            throw new ServiceException(ErrorType.UNSUPPORTED_OPERATION, "Sluice does not run "
                    + "InputProcessingConfiguration during DiscoverInputSchema; discover the schema of the "
                    + "records as the function returns them (for example from an S3 object of them).");
        }
        List<byte[]> records = resource != null ? streamRecords(context, resource, position) : object(bucket, key);
        if (records.isEmpty()) {
            throw new ServiceException(ErrorType.UNABLE_TO_DETECT_SCHEMA, "No records were found to discover a "
                    + "schema from" + (resource != null ? " in " + resource + " (starting position "
                    + (position == null ? StartingPosition.NOW : position) + ")" : "") + ".");
        }
        DiscoveryResult result;
        try {
            result = discovery.discover(records);
        } catch (UnableToDetectSchema e) {
            throw new ServiceException(ErrorType.UNABLE_TO_DETECT_SCHEMA, e.getMessage());
        }
        DescriptionWriter.schema(out, "InputSchema", result.schema());
        out.startArray("ParsedInputRecords");
        for (List<String> row : result.parsedRecords()) {
            out.startArray();
            row.forEach(out::string);
            out.endArray();
        }
        out.endArray().startArray("RawInputRecords");
        result.rawRecords().forEach(out::string);
        out.endArray();
    }

    private List<byte[]> streamRecords(RequestContext context, String resource, StartingPosition position) {
        String stream = Patterns.DELIVERY_STREAM_ARN.matcher(resource).matches() ? sourceOf(resource) : resource;
        if (!Patterns.KINESIS_STREAM_ARN.matcher(stream).matches()) {
            throw ServiceException.invalidArgument("ResourceARN " + resource + " is neither a Kinesis stream nor a "
                    + "delivery stream.");
        }
        for (String action : STREAM_READ_ACTIONS) {
            context.permissions().require(action, stream);
        }
        return streams.sample(stream, position == null ? StartingPosition.NOW : position);
    }

    /**
     * The Kinesis stream a delivery stream reads, whose records are the delivery stream's: what discovery samples.
     * A DirectPut delivery stream keeps its records only on their way to the destination, so it is refused with
     * what to do instead.
     */
    private String sourceOf(String deliveryStreamArn) {
        String[] parts = deliveryStreamArn.split(":", 6);
        DeliveryStreamKey key = new DeliveryStreamKey(parts[4], parts[3],
                parts[5].substring("deliverystream/".length()));
        KinesisSource source;
        try {
            source = firehose.describe(key).meta().kinesisSource();
        } catch (ServiceException e) {
            if (e.type() == ErrorType.RESOURCE_NOT_FOUND) {
                throw ServiceException.invalidArgument("Delivery stream " + deliveryStreamArn + " does not exist.");
            }
            throw e;
        }
        if (source == null) {
            throw ServiceException.invalidArgument("Sluice cannot sample the records of delivery stream "
                    + deliveryStreamArn + ": it is a DirectPut delivery stream, which keeps records only on their way "
                    + "to the destination. Discover the schema from an S3 object it delivered (S3Configuration).");
        }
        return source.streamArn();
    }

    /** The whole object as one sample, as KDA reads a reference file: discovery finds its rows and delimiters. */
    private List<byte[]> object(String bucket, String key) {
        byte[] object;
        try {
            object = objects.read(bucket, key);
        } catch (NoSuchFileException e) {
            throw ServiceException.invalidArgument("S3 object " + key + " of " + bucket + " does not exist.");
        } catch (IOException e) {
            throw new ServiceException(ErrorType.SERVICE_UNAVAILABLE, "S3 object " + key + " of " + bucket
                    + " could not be read: " + e.getMessage());
        }
        return object.length == 0 ? List.of() : List.of(object);
    }
}
