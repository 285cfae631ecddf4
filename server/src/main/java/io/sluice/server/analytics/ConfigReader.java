package io.sluice.server.analytics;

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
import io.sluice.analytics.type.SqlType;
import io.sluice.common.ServiceException;
import io.sluice.protocol.Validator;
import io.sluice.protocol.WireObject;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads the configuration structures of the model (Input, Output, ReferenceDataSource, CloudWatchLoggingOption,
 * SourceSchema, InputProcessingConfiguration) into the application records, checking every model constraint into
 * one {@link Validator} (a ValidationException naming them all), and what KDA checks beyond the model when it
 * accepts a configuration (one source or destination of each structure, an ARN of that service, a type that is a
 * SQL type, a schema records can be read with: {@link RecordParser#validate}) as an InvalidArgumentException, reported after the model's violations by
 * {@link #check}. Whether sources and destinations exist is checked at start, as KDA does.
 *
 * <p>Paths are the model's member names with a lower-case first letter, list items {@code name.N.member}, as
 * AWS words them. Not thread-safe: one reader per request.
 */
final class ConfigReader {

    static final List<String> FORMAT_TYPES = List.of("JSON", "CSV");
    static final List<String> POSITIONS = List.of("NOW", "TRIM_HORIZON", "LAST_STOPPED_POINT");
    private static final String DEFAULT_ROW_PATH = "$";
    private static final String DEFAULT_COLUMN_DELIMITER = ",";
    private static final String DEFAULT_ROW_DELIMITER = "\n";

    private final Validator v;
    private final List<String> invalid = new ArrayList<>();

    ConfigReader(Validator v) {
        this.v = v;
    }

    Validator validator() {
        return v;
    }

    /** Reports the model's violations, then the first argument KDA refuses beyond the model. */
    void check() {
        v.check();
        if (!invalid.isEmpty()) {
            throw ServiceException.invalidArgument(invalid.getFirst());
        }
    }

    void refuse(String message) {
        invalid.add(message);
    }

    static String path(String parent, String member) {
        String name = Character.toLowerCase(member.charAt(0)) + member.substring(1);
        return parent.isEmpty() ? name : parent + "." + name;
    }

    static String item(String list, int index) {
        return list + "." + (index + 1) + ".member";
    }

    /** A required string member with its length and, when given, its pattern. */
    String string(WireObject in, String parent, String member, boolean required, int min, int max, Pattern pattern) {
        String value = in == null ? null : in.string(member);
        String p = path(parent, member);
        if (required) {
            v.required(p, value);
        }
        v.length(p, value, min, max);
        if (pattern != null) {
            v.pattern(p, value, pattern);
        }
        return value;
    }

    /** An Input of CreateApplication or AddApplicationInput, as input {@code id}. */
    InputConfig input(WireObject in, String p, String id) {
        String prefix = string(in, p, "NamePrefix", true, 1, 32, null);
        WireObject streams = in.object("KinesisStreamsInput");
        WireObject firehose = in.object("KinesisFirehoseInput");
        String[] source = resource(streams, path(p, "KinesisStreamsInput"));
        String[] delivery = resource(firehose, path(p, "KinesisFirehoseInput"));
        WireObject parallelism = in.object("InputParallelism");
        Integer count = parallelism == null ? null : parallelism.integer("Count");
        v.range(path(path(p, "InputParallelism"), "Count"), count, 1, 64);
        String[] processor = processing(in.object("InputProcessingConfiguration"),
                path(p, "InputProcessingConfiguration"));
        WireObject schemaIn = in.object("InputSchema");
        v.required(path(p, "InputSchema"), schemaIn);
        SourceSchema schema = schemaIn == null ? null : schema(schemaIn, path(p, "InputSchema"));
        if ((streams == null) == (firehose == null)) {
            refuse("An input must name exactly one source: KinesisStreamsInput or KinesisFirehoseInput.");
            return null;
        }
        SourceKind kind = streams != null ? SourceKind.KINESIS_STREAM : SourceKind.FIREHOSE;
        String[] arns = streams != null ? source : delivery;
        sourceArn(kind, arns[0]);
        return new InputConfig(id, prefix, count == null ? 1 : count, kind, arns[0], arns[1],
                processor == null ? null : processor[0], processor == null ? null : processor[1], schema, null);
    }

    /** Refuses a source ARN of another service than the source structure's. */
    void sourceArn(SourceKind kind, String arn) {
        if (arn == null) {
            return;
        }
        if (kind == SourceKind.KINESIS_STREAM && !Patterns.KINESIS_STREAM_ARN.matcher(arn).matches()) {
            refuse("KinesisStreamsInput.ResourceARN " + arn + " is not a Kinesis stream ARN.");
        } else if (kind == SourceKind.FIREHOSE && !Patterns.DELIVERY_STREAM_ARN.matcher(arn).matches()) {
            refuse("KinesisFirehoseInput.ResourceARN " + arn + " is not a Firehose delivery stream ARN.");
        }
    }

    /** An InputProcessingConfiguration: the Lambda function's ARN and role, or null when absent. */
    String[] processing(WireObject config, String p) {
        if (config == null) {
            return null;
        }
        WireObject lambda = config.object("InputLambdaProcessor");
        v.required(path(p, "InputLambdaProcessor"), lambda);
        String[] arns = resource(lambda, path(p, "InputLambdaProcessor"));
        if (arns[0] != null && !Patterns.LAMBDA_ARN.matcher(arns[0]).matches()) {
            refuse("InputLambdaProcessor.ResourceARN " + arns[0] + " is not a Lambda function ARN.");
        }
        return lambda == null ? null : arns;
    }

    /** An Output of CreateApplication or AddApplicationOutput, as output {@code id}. */
    OutputConfig output(WireObject out, String p, String id) {
        String name = string(out, p, "Name", true, 1, 32, null);
        WireObject streams = out.object("KinesisStreamsOutput");
        WireObject firehose = out.object("KinesisFirehoseOutput");
        WireObject lambda = out.object("LambdaOutput");
        String[] toStream = resource(streams, path(p, "KinesisStreamsOutput"));
        String[] toFirehose = resource(firehose, path(p, "KinesisFirehoseOutput"));
        String[] toLambda = resource(lambda, path(p, "LambdaOutput"));
        RecordFormatType format = destinationSchema(out.object("DestinationSchema"), path(p, "DestinationSchema"),
                true);
        int given = (streams == null ? 0 : 1) + (firehose == null ? 0 : 1) + (lambda == null ? 0 : 1);
        if (given != 1) {
            refuse("An output must name exactly one destination: KinesisStreamsOutput, KinesisFirehoseOutput or "
                    + "LambdaOutput.");
            return null;
        }
        DestinationKind kind = streams != null ? DestinationKind.KINESIS_STREAM
                : firehose != null ? DestinationKind.FIREHOSE : DestinationKind.LAMBDA;
        String[] arns = streams != null ? toStream : firehose != null ? toFirehose : toLambda;
        destinationArn(kind, arns[0]);
        return new OutputConfig(id, name, kind, arns[0], arns[1], format);
    }

    void destinationArn(DestinationKind kind, String arn) {
        if (arn == null) {
            return;
        }
        Pattern expected = switch (kind) {
            case KINESIS_STREAM -> Patterns.KINESIS_STREAM_ARN;
            case FIREHOSE -> Patterns.DELIVERY_STREAM_ARN;
            case LAMBDA -> Patterns.LAMBDA_ARN;
        };
        if (!expected.matcher(arn).matches()) {
            refuse("Output ResourceARN " + arn + " is not a " + switch (kind) {
                case KINESIS_STREAM -> "Kinesis stream";
                case FIREHOSE -> "Firehose delivery stream";
                case LAMBDA -> "Lambda function";
            } + " ARN.");
        }
    }

    /** A DestinationSchema: its RecordFormatType (null when absent and not required). */
    RecordFormatType destinationSchema(WireObject schema, String p, boolean required) {
        if (required) {
            v.required(p, schema);
        }
        if (schema == null) {
            return null;
        }
        String type = schema.string("RecordFormatType");
        v.required(path(p, "RecordFormatType"), type).oneOf(path(p, "RecordFormatType"), type, FORMAT_TYPES);
        return type == null || !FORMAT_TYPES.contains(type) ? null : RecordFormatType.valueOf(type);
    }

    /** A ReferenceDataSource of AddApplicationReferenceDataSource, as reference {@code id}. */
    ReferenceConfig reference(WireObject ref, String p, String id) {
        String table = string(ref, p, "TableName", true, 1, 32, null);
        WireObject s3 = ref.object("S3ReferenceDataSource");
        String s3Path = path(p, "S3ReferenceDataSource");
        String bucket = string(s3, s3Path, "BucketARN", s3 != null, 1, 2048, Patterns.ARN);
        String key = string(s3, s3Path, "FileKey", s3 != null, 1, 1024, null);
        String role = string(s3, s3Path, "ReferenceRoleARN", s3 != null, 1, 2048, Patterns.ROLE_ARN);
        WireObject schemaIn = ref.object("ReferenceSchema");
        v.required(path(p, "ReferenceSchema"), schemaIn);
        SourceSchema schema = schemaIn == null ? null : schema(schemaIn, path(p, "ReferenceSchema"));
        if (s3 == null) {
            refuse("A reference data source must name its S3 object: S3ReferenceDataSource is required.");
            return null;
        }
        bucketArn(bucket);
        return new ReferenceConfig(id, table, bucket, key, role, schema);
    }

    void bucketArn(String bucket) {
        if (bucket != null && !Patterns.BUCKET_ARN.matcher(bucket).matches()) {
            refuse("BucketARN " + bucket + " is not an S3 bucket ARN.");
        }
    }

    /** A CloudWatchLoggingOption, as option {@code id}. */
    LoggingOption logging(WireObject option, String p, String id) {
        String stream = string(option, p, "LogStreamARN", true, 1, 2048, Patterns.ARN);
        String role = string(option, p, "RoleARN", true, 1, 2048, Patterns.ROLE_ARN);
        return new LoggingOption(id, stream, role);
    }

    /** A SourceSchema; JSON rows default to the whole record ({@code $}), CSV to "," and "\n", as KDA's do. */
    SourceSchema schema(WireObject schema, String p) {
        RecordFormat format = recordFormat(schema.object("RecordFormat"), path(p, "RecordFormat"), true);
        String encoding = string(schema, p, "RecordEncoding", false, 0, Integer.MAX_VALUE, Patterns.ENCODING);
        List<RecordColumn> columns = columns(schema.objects("RecordColumns"), path(p, "RecordColumns"), true,
                format == null ? null : format.type());
        if (format == null) {
            return null;
        }
        SourceSchema result = new SourceSchema(format, encoding, columns);
        valid(result);
        return result;
    }

    /** Refuses a schema records cannot be read with (a JSONPath, names, delimiters), as KDA does on configuring. */
    void valid(SourceSchema schema) {
        try {
            RecordParser.validate(schema);
        } catch (IllegalArgumentException e) {
            refuse(e.getMessage() + ".");
        }
    }

    RecordFormat recordFormat(WireObject format, String p, boolean required) {
        if (required) {
            v.required(p, format);
        }
        if (format == null) {
            return null;
        }
        String type = format.string("RecordFormatType");
        v.required(path(p, "RecordFormatType"), type).oneOf(path(p, "RecordFormatType"), type, FORMAT_TYPES);
        WireObject mapping = format.object("MappingParameters");
        String mp = path(p, "MappingParameters");
        WireObject json = mapping == null ? null : mapping.object("JSONMappingParameters");
        WireObject csv = mapping == null ? null : mapping.object("CSVMappingParameters");
        String rowPath = string(json, path(mp, "JSONMappingParameters"), "RecordRowPath", json != null, 1,
                Integer.MAX_VALUE, null);
        String rowDelimiter = string(csv, path(mp, "CSVMappingParameters"), "RecordRowDelimiter", csv != null, 1,
                Integer.MAX_VALUE, null);
        String columnDelimiter = string(csv, path(mp, "CSVMappingParameters"), "RecordColumnDelimiter",
                csv != null, 1, Integer.MAX_VALUE, null);
        if (type == null || !FORMAT_TYPES.contains(type)) {
            return null;
        }
        if ("JSON".equals(type)) {
            if (csv != null) {
                refuse("CSVMappingParameters do not apply to RecordFormatType JSON.");
            }
            return RecordFormat.json(rowPath == null ? DEFAULT_ROW_PATH : rowPath);
        }
        if (json != null) {
            refuse("JSONMappingParameters do not apply to RecordFormatType CSV.");
        }
        return RecordFormat.csv(columnDelimiter == null ? DEFAULT_COLUMN_DELIMITER : columnDelimiter,
                rowDelimiter == null ? DEFAULT_ROW_DELIMITER : rowDelimiter);
    }

    /** RecordColumns (1 to 1000); CSV columns are positional and keep no Mapping. */
    List<RecordColumn> columns(List<WireObject> items, String p, boolean required, RecordFormatType format) {
        if (required) {
            v.required(p, items);
        }
        v.size(p, items, 1, 1000);
        List<RecordColumn> columns = new ArrayList<>();
        for (int i = 0; items != null && i < items.size(); i++) {
            WireObject column = items.get(i);
            String ip = item(p, i);
            String name = column.string("Name");
            v.required(path(ip, "Name"), name);
            String sqlType = string(column, ip, "SqlType", true, 1, Integer.MAX_VALUE, null);
            String mapping = column.string("Mapping");
            SqlType type = sqlType(name, sqlType);
            if (name != null && type != null) {
                columns.add(new RecordColumn(name, type, format == RecordFormatType.CSV ? null : mapping));
            }
        }
        return columns;
    }

    private SqlType sqlType(String column, String spelling) {
        if (spelling == null || spelling.isEmpty()) {
            return null;
        }
        try {
            return SqlType.parse(spelling.trim());
        } catch (IllegalArgumentException e) {
            refuse("Invalid SqlType '" + spelling + "' for column " + column + ": " + e.getMessage() + ".");
            return null;
        }
    }

    /** A {ResourceARN, RoleARN} structure: both required when the structure is given. */
    private String[] resource(WireObject structure, String p) {
        String arn = string(structure, p, "ResourceARN", structure != null, 1, 2048, Patterns.ARN);
        String role = string(structure, p, "RoleARN", structure != null, 1, 2048, Patterns.ROLE_ARN);
        return new String[] {arn, role};
    }

    /** A {ResourceARNUpdate, RoleARNUpdate} structure: either may be absent. */
    String[] resourceUpdate(WireObject structure, String p) {
        String arn = string(structure, p, "ResourceARNUpdate", false, 1, 2048, Patterns.ARN);
        String role = string(structure, p, "RoleARNUpdate", false, 1, 2048, Patterns.ROLE_ARN);
        return new String[] {arn, role};
    }
}
