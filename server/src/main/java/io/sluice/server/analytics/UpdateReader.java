package io.sluice.server.analytics;

import io.sluice.analytics.app.ApplicationChange;
import io.sluice.analytics.app.ApplicationDefinition;
import io.sluice.analytics.app.DestinationKind;
import io.sluice.analytics.app.InputConfig;
import io.sluice.analytics.app.LoggingOption;
import io.sluice.analytics.app.OutputConfig;
import io.sluice.analytics.app.ReferenceConfig;
import io.sluice.analytics.app.SourceKind;
import io.sluice.analytics.format.RecordColumn;
import io.sluice.analytics.format.RecordFormat;
import io.sluice.analytics.format.RecordFormatType;
import io.sluice.analytics.format.RecordParser;
import io.sluice.analytics.format.SourceSchema;
import io.sluice.common.ServiceException;
import io.sluice.protocol.WireObject;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Reads UpdateApplication's {@code ApplicationUpdate} into an {@link ApplicationChange}: the members are checked
 * against the model now (into the {@link ConfigReader}'s validator), and applied later to the definition as it is
 * under the registry's lock, where an id that names nothing answers InvalidArgumentException. Not thread-safe.
 */
final class UpdateReader {

    private final ConfigReader config;

    UpdateReader(ConfigReader config) {
        this.config = config;
    }

    ApplicationChange read(WireObject update, String p) {
        String code = config.string(update, p, "ApplicationCodeUpdate", false, 0, 102_400, null);
        List<UnaryOperator<ApplicationDefinition>> steps = new ArrayList<>();
        if (code != null) {
            steps.add(d -> d.withCode(code));
        }
        List<WireObject> inputs = update.objects("InputUpdates");
        for (int i = 0; inputs != null && i < inputs.size(); i++) {
            steps.add(inputUpdate(inputs.get(i), ConfigReader.item(ConfigReader.path(p, "InputUpdates"), i)));
        }
        List<WireObject> outputs = update.objects("OutputUpdates");
        for (int i = 0; outputs != null && i < outputs.size(); i++) {
            steps.add(outputUpdate(outputs.get(i), ConfigReader.item(ConfigReader.path(p, "OutputUpdates"), i)));
        }
        List<WireObject> references = update.objects("ReferenceDataSourceUpdates");
        for (int i = 0; references != null && i < references.size(); i++) {
            steps.add(referenceUpdate(references.get(i),
                    ConfigReader.item(ConfigReader.path(p, "ReferenceDataSourceUpdates"), i)));
        }
        List<WireObject> logging = update.objects("CloudWatchLoggingOptionUpdates");
        for (int i = 0; logging != null && i < logging.size(); i++) {
            steps.add(loggingUpdate(logging.get(i),
                    ConfigReader.item(ConfigReader.path(p, "CloudWatchLoggingOptionUpdates"), i)));
        }
        return (current, newVersion) -> {
            ApplicationDefinition definition = current;
            for (UnaryOperator<ApplicationDefinition> step : steps) {
                definition = step.apply(definition);
            }
            return definition;
        };
    }

    private UnaryOperator<ApplicationDefinition> inputUpdate(WireObject u, String p) {
        String id = config.string(u, p, "InputId", true, 1, 50, Patterns.ID);
        String prefix = config.string(u, p, "NamePrefixUpdate", false, 1, 32, null);
        WireObject processing = u.object("InputProcessingConfigurationUpdate");
        String[] processor = null;
        if (processing != null) {
            String pp = ConfigReader.path(p, "InputProcessingConfigurationUpdate");
            WireObject lambda = processing.object("InputLambdaProcessorUpdate");
            config.validator().required(ConfigReader.path(pp, "InputLambdaProcessorUpdate"), lambda);
            processor = config.resourceUpdate(lambda, ConfigReader.path(pp, "InputLambdaProcessorUpdate"));
        }
        WireObject streams = u.object("KinesisStreamsInputUpdate");
        WireObject firehose = u.object("KinesisFirehoseInputUpdate");
        String[] toStream = config.resourceUpdate(streams, ConfigReader.path(p, "KinesisStreamsInputUpdate"));
        String[] toFirehose = config.resourceUpdate(firehose, ConfigReader.path(p, "KinesisFirehoseInputUpdate"));
        if (streams != null && firehose != null) {
            config.refuse("An input update may name KinesisStreamsInputUpdate or KinesisFirehoseInputUpdate, not "
                    + "both.");
        }
        WireObject parallelism = u.object("InputParallelismUpdate");
        Integer count = parallelism == null ? null : parallelism.integer("CountUpdate");
        config.validator().range(ConfigReader.path(ConfigReader.path(p, "InputParallelismUpdate"), "CountUpdate"),
                count, 1, 64);
        WireObject schemaUpdate = u.object("InputSchemaUpdate");
        Function<SourceSchema, SourceSchema> schema = schemaUpdate == null ? s -> s
                : schemaUpdate(schemaUpdate, ConfigReader.path(p, "InputSchemaUpdate"));
        SourceKind kind = streams != null ? SourceKind.KINESIS_STREAM : firehose != null ? SourceKind.FIREHOSE : null;
        String[] source = streams != null ? toStream : toFirehose;
        if (kind != null) {
            config.sourceArn(kind, source[0]);
        }
        String[] lambda = processor;
        return d -> d.withInputs(replace(d.inputs(), InputConfig::id, id, "input", in -> {
            SourceKind newKind = kind == null ? in.kind() : kind;
            String arn = kind == null ? in.resourceArn() : changed(source[0], in.kind() == kind ? in.resourceArn()
                    : null, "ResourceARNUpdate of the input's new source");
            String role = kind == null ? in.roleArn() : changed(source[1], in.kind() == kind ? in.roleArn() : null,
                    "RoleARNUpdate of the input's new source");
            String processorArn = lambda == null ? in.processorArn()
                    : changed(lambda[0], in.processorArn(), "InputLambdaProcessorUpdate.ResourceARNUpdate");
            String processorRole = lambda == null ? in.processorRoleArn()
                    : changed(lambda[1], in.processorRoleArn(), "InputLambdaProcessorUpdate.RoleARNUpdate");
            return new InputConfig(in.id(), prefix == null ? in.namePrefix() : prefix,
                    count == null ? in.parallelism() : count, newKind, arn, role, processorArn, processorRole,
                    schema.apply(in.schema()), in.startingPosition());
        }));
    }

    private Function<SourceSchema, SourceSchema> schemaUpdate(WireObject u, String p) {
        RecordFormat format = config.recordFormat(u.object("RecordFormatUpdate"),
                ConfigReader.path(p, "RecordFormatUpdate"), false);
        String encoding = config.string(u, p, "RecordEncodingUpdate", false, 0, Integer.MAX_VALUE,
                Patterns.ENCODING);
        List<WireObject> columnItems = u.objects("RecordColumnUpdates");
        List<RecordColumn> columns = columnItems == null ? null : config.columns(columnItems,
                ConfigReader.path(p, "RecordColumnUpdates"), false, format == null ? null : format.type());
        return old -> {
            RecordFormat newFormat = format == null ? old.format() : format;
            List<RecordColumn> newColumns = new ArrayList<>();
            for (RecordColumn column : columns == null ? old.columns() : columns) {
                // CSV columns are positional: a mapping left from a JSON format means nothing any more
                newColumns.add(newFormat.type() == RecordFormatType.CSV && column.mapping() != null
                        ? new RecordColumn(column.name(), column.type(), null) : column);
            }
            SourceSchema updated = new SourceSchema(newFormat, encoding == null ? old.encoding() : encoding,
                    newColumns);
            try {
                RecordParser.validate(updated);
            } catch (IllegalArgumentException e) {
                throw ServiceException.invalidArgument(e.getMessage() + ".");
            }
            return updated;
        };
    }

    private UnaryOperator<ApplicationDefinition> outputUpdate(WireObject u, String p) {
        String id = config.string(u, p, "OutputId", true, 1, 50, Patterns.ID);
        String name = config.string(u, p, "NameUpdate", false, 1, 32, null);
        WireObject streams = u.object("KinesisStreamsOutputUpdate");
        WireObject firehose = u.object("KinesisFirehoseOutputUpdate");
        WireObject lambda = u.object("LambdaOutputUpdate");
        String[] toStream = config.resourceUpdate(streams, ConfigReader.path(p, "KinesisStreamsOutputUpdate"));
        String[] toFirehose = config.resourceUpdate(firehose, ConfigReader.path(p, "KinesisFirehoseOutputUpdate"));
        String[] toLambda = config.resourceUpdate(lambda, ConfigReader.path(p, "LambdaOutputUpdate"));
        RecordFormatType format = config.destinationSchema(u.object("DestinationSchemaUpdate"),
                ConfigReader.path(p, "DestinationSchemaUpdate"), false);
        int given = (streams == null ? 0 : 1) + (firehose == null ? 0 : 1) + (lambda == null ? 0 : 1);
        if (given > 1) {
            config.refuse("An output update may name one destination update only.");
        }
        DestinationKind kind = streams != null ? DestinationKind.KINESIS_STREAM
                : firehose != null ? DestinationKind.FIREHOSE : lambda != null ? DestinationKind.LAMBDA : null;
        String[] target = streams != null ? toStream : firehose != null ? toFirehose : toLambda;
        if (kind != null) {
            config.destinationArn(kind, target[0]);
        }
        return d -> d.withOutputs(replace(d.outputs(), OutputConfig::id, id, "output", out -> {
            DestinationKind newKind = kind == null ? out.kind() : kind;
            String arn = kind == null ? out.resourceArn() : changed(target[0], out.kind() == kind
                    ? out.resourceArn() : null, "ResourceARNUpdate of the output's new destination");
            String role = kind == null ? out.roleArn() : changed(target[1], out.kind() == kind ? out.roleArn() : null,
                    "RoleARNUpdate of the output's new destination");
            return new OutputConfig(out.id(), name == null ? out.name() : name, newKind, arn, role,
                    format == null ? out.format() : format);
        }));
    }

    private UnaryOperator<ApplicationDefinition> referenceUpdate(WireObject u, String p) {
        String id = config.string(u, p, "ReferenceId", true, 1, 50, Patterns.ID);
        String table = config.string(u, p, "TableNameUpdate", false, 1, 32, null);
        WireObject s3 = u.object("S3ReferenceDataSourceUpdate");
        String s3Path = ConfigReader.path(p, "S3ReferenceDataSourceUpdate");
        String bucket = config.string(s3, s3Path, "BucketARNUpdate", false, 1, 2048, Patterns.ARN);
        String key = config.string(s3, s3Path, "FileKeyUpdate", false, 1, 1024, null);
        String role = config.string(s3, s3Path, "ReferenceRoleARNUpdate", false, 1, 2048, Patterns.ROLE_ARN);
        config.bucketArn(bucket);
        WireObject schemaIn = u.object("ReferenceSchemaUpdate");
        SourceSchema schema = schemaIn == null ? null
                : config.schema(schemaIn, ConfigReader.path(p, "ReferenceSchemaUpdate"));
        return d -> d.withReferences(replace(d.references(), ReferenceConfig::id, id, "reference data source",
                ref -> new ReferenceConfig(ref.id(), table == null ? ref.tableName() : table,
                        bucket == null ? ref.bucketArn() : bucket, key == null ? ref.fileKey() : key,
                        role == null ? ref.roleArn() : role, schema == null ? ref.schema() : schema)));
    }

    private UnaryOperator<ApplicationDefinition> loggingUpdate(WireObject u, String p) {
        String id = config.string(u, p, "CloudWatchLoggingOptionId", true, 1, 50, Patterns.ID);
        String stream = config.string(u, p, "LogStreamARNUpdate", false, 1, 2048, Patterns.ARN);
        String role = config.string(u, p, "RoleARNUpdate", false, 1, 2048, Patterns.ROLE_ARN);
        return d -> d.withLoggingOptions(replace(d.loggingOptions(), LoggingOption::id, id,
                "CloudWatch logging option", o -> new LoggingOption(o.id(), stream == null ? o.logStreamArn() : stream,
                        role == null ? o.roleArn() : role)));
    }

    /** The new value, else the old one; a value that has neither (a switch of source kind) is refused. */
    private static String changed(String update, String old, String what) {
        if (update != null) {
            return update;
        }
        if (old == null) {
            throw ServiceException.invalidArgument(what + " is required.");
        }
        return old;
    }

    /** {@code items} with the one whose id is {@code id} replaced; InvalidArgumentException when none is. */
    static <T> List<T> replace(List<T> items, Function<T, String> idOf, String id, String what,
                               UnaryOperator<T> change) {
        List<T> result = new ArrayList<>(items.size());
        boolean found = false;
        for (T item : items) {
            if (idOf.apply(item).equals(id)) {
                result.add(change.apply(item));
                found = true;
            } else {
                result.add(item);
            }
        }
        if (!found) {
            throw ServiceException.invalidArgument("The application has no " + what + " with id " + id + ".");
        }
        return result;
    }
}
