package io.sluice.server.firehose;

import io.sluice.common.ServiceException;
import io.sluice.firehose.config.BufferingHints;
import io.sluice.firehose.config.CloudWatchLogging;
import io.sluice.firehose.config.CommonAttribute;
import io.sluice.firehose.config.Compression;
import io.sluice.firehose.config.DataFormatConversion;
import io.sluice.firehose.config.DynamicPartitioning;
import io.sluice.firehose.config.ExtendedS3Destination;
import io.sluice.firehose.config.HttpEndpointDestination;
import io.sluice.firehose.config.Processing;
import io.sluice.firehose.config.S3Settings;
import io.sluice.protocol.Validator;
import io.sluice.protocol.WireObject;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads destination configurations and updates from a request into configuration records, checking them against
 * the model (into the request's {@link Validator}). One method serves both: with no {@code base} it reads a
 * configuration (required members must be there), with a base it reads an update, where every absent member keeps
 * the base's value. Semantic checks that need the whole result are in {@link DestinationRules}. Stateless.
 */
final class DestinationReader {

    private static final List<String> BACKUP_MODES = List.of("Disabled", "Enabled");
    private static final List<String> HTTP_BACKUP_MODES = List.of("FailedDataOnly", "AllData");
    private static final List<String> CONTENT_ENCODINGS = List.of("NONE", "GZIP");

    private final ProcessingReader processing = new ProcessingReader();
    private final ConversionReader conversion = new ConversionReader();

    /** An S3DestinationConfiguration (or S3DestinationUpdate over {@code base}). */
    S3Settings s3(WireObject in, String path, Validator v, S3Settings base) {
        String role = in.string("RoleARN");
        String bucket = in.string("BucketARN");
        if (base == null) {
            v.required(path + ".roleARN", role).required(path + ".bucketARN", bucket);
        }
        v.length(path + ".roleARN", role, 1, 512).pattern(path + ".roleARN", role, Patterns.ROLE_ARN)
                .length(path + ".bucketARN", bucket, 1, 2048)
                .pattern(path + ".bucketARN", bucket, Patterns.BUCKET_ARN);
        String prefix = in.string("Prefix");
        String errorPrefix = in.string("ErrorOutputPrefix");
        v.length(path + ".prefix", prefix, 0, 1024).length(path + ".errorOutputPrefix", errorPrefix, 0, 1024);
        String compression = in.string("CompressionFormat");
        v.oneOf(path + ".compressionFormat", compression, Compression.WIRE_NAMES);
        BufferingHints hints = hints(in.object("BufferingHints"), path + ".bufferingHints", v, 128,
                base == null ? null : base.bufferingHints());
        String kmsKey = kmsKey(in.object("EncryptionConfiguration"), path + ".encryptionConfiguration", v,
                base == null ? null : base.kmsKeyArn());
        CloudWatchLogging logging = logging(in.object("CloudWatchLoggingOptions"), path + ".cloudWatchLoggingOptions",
                v, base == null ? null : base.logging());
        if ((role == null || bucket == null) && base == null) {
            return null; // required members missing: the validator reports them
        }
        return new S3Settings(or(role, base == null ? null : base.roleArn()),
                or(bucket, base == null ? null : base.bucketArn()),
                or(prefix, base == null ? null : base.prefix()),
                or(errorPrefix, base == null ? null : base.errorOutputPrefix()), hints,
                compression != null && Compression.WIRE_NAMES.contains(compression)
                        ? Compression.fromWire(compression) : base == null ? null : base.compression(),
                kmsKey, logging);
    }

    /** An ExtendedS3DestinationConfiguration (or ExtendedS3DestinationUpdate over {@code base}). */
    ExtendedS3Destination extendedS3(WireObject in, String path, Validator v, ExtendedS3Destination base,
                                     boolean update) {
        S3Settings s3 = s3(in, path, v, base == null ? null : base.s3());
        Processing proc = processing.read(in.object("ProcessingConfiguration"), path + ".processingConfiguration", v,
                base == null ? null : base.processing());
        String backupMode = in.string("S3BackupMode");
        v.oneOf(path + ".s3BackupMode", backupMode, BACKUP_MODES);
        boolean backupEnabled = backupMode == null ? base != null && base.backupEnabled()
                : backupMode.equals("Enabled");
        String backupMember = update ? "S3BackupUpdate" : "S3BackupConfiguration";
        WireObject backupIn = in.object(backupMember);
        S3Settings backup = base == null ? null : base.backup();
        if (backupIn != null) {
            backup = s3(backupIn, path + "." + lowerFirst(backupMember), v, backup);
        }
        DynamicPartitioning partitioning = partitioning(in.object("DynamicPartitioningConfiguration"),
                path + ".dynamicPartitioningConfiguration", v, base == null ? null : base.dynamicPartitioning());
        String extension = in.string("FileExtension");
        v.length(path + ".fileExtension", extension, 0, 128)
                .pattern(path + ".fileExtension", extension, Patterns.FILE_EXTENSION);
        String zone = in.string("CustomTimeZone");
        v.length(path + ".customTimeZone", zone, 0, 50).pattern(path + ".customTimeZone", zone, Patterns.TIME_ZONE);
        DataFormatConversion formatConversion = conversion.read(in.object("DataFormatConversionConfiguration"),
                path + ".dataFormatConversionConfiguration", v, base == null ? null : base.dataFormatConversion());
        if (s3 == null) {
            return null;
        }
        if (backupEnabled && backup == null) {
            throw ServiceException.invalidArgument("S3BackupConfiguration is required when S3BackupMode is "
                    + "Enabled.");
        }
        if (base != null && base.backupEnabled() && !backupEnabled) {
            throw ServiceException.invalidArgument("S3BackupMode cannot be disabled once it is enabled.");
        }
        return new ExtendedS3Destination(s3, proc, backupEnabled, backup, partitioning,
                or(extension, base == null ? null : base.fileExtension()),
                or(zone, base == null ? null : base.customTimeZone()), formatConversion);
    }

    /** An HttpEndpointDestinationConfiguration (or HttpEndpointDestinationUpdate over {@code base}). */
    HttpEndpointDestination httpEndpoint(WireObject in, String path, Validator v, HttpEndpointDestination base,
                                         boolean update) {
        WireObject endpoint = in.object("EndpointConfiguration");
        String url = null;
        String name = null;
        String accessKey = null;
        if (base == null) {
            v.required(path + ".endpointConfiguration", endpoint);
        }
        if (endpoint != null) {
            String p = path + ".endpointConfiguration";
            url = endpoint.string("Url");
            name = endpoint.string("Name");
            accessKey = endpoint.string("AccessKey");
            v.required(p + ".url", url).length(p + ".url", url, 1, 1000)
                    .pattern(p + ".url", url, Patterns.HTTP_ENDPOINT_URL)
                    .length(p + ".name", name, 1, 256).pattern(p + ".name", name, Patterns.NON_BLANK)
                    .length(p + ".accessKey", accessKey, 0, 4096);
        } else if (base != null) {
            url = base.url();
            name = base.name();
            accessKey = base.accessKey();
        }
        BufferingHints hints = hints(in.object("BufferingHints"), path + ".bufferingHints", v, 64,
                base == null ? null : base.bufferingHints());
        CloudWatchLogging logging = logging(in.object("CloudWatchLoggingOptions"),
                path + ".cloudWatchLoggingOptions", v, base == null ? null : base.logging());
        WireObject request = in.object("RequestConfiguration");
        String encoding = base == null ? null : base.contentEncoding();
        List<CommonAttribute> attributes = base == null ? null : base.commonAttributes();
        if (request != null) {
            String p = path + ".requestConfiguration";
            encoding = request.string("ContentEncoding");
            v.oneOf(p + ".contentEncoding", encoding, CONTENT_ENCODINGS);
            List<WireObject> items = request.objects("CommonAttributes");
            v.size(p + ".commonAttributes", items, 0, 50);
            attributes = new ArrayList<>();
            for (int i = 0; items != null && i < items.size(); i++) {
                String ap = p + ".commonAttributes." + (i + 1) + ".member";
                String attributeName = items.get(i).string("AttributeName");
                String attributeValue = items.get(i).string("AttributeValue");
                v.required(ap + ".attributeName", attributeName).length(ap + ".attributeName", attributeName, 1, 256)
                        .pattern(ap + ".attributeName", attributeName, Patterns.NON_BLANK)
                        .required(ap + ".attributeValue", attributeValue)
                        .length(ap + ".attributeValue", attributeValue, 0, 1024);
                attributes.add(new CommonAttribute(attributeName, attributeValue));
            }
        }
        Processing proc = processing.read(in.object("ProcessingConfiguration"), path + ".processingConfiguration", v,
                base == null ? null : base.processing());
        String role = in.string("RoleARN");
        v.length(path + ".roleARN", role, 1, 512).pattern(path + ".roleARN", role, Patterns.ROLE_ARN);
        int retrySeconds = retry(in.object("RetryOptions"), path + ".retryOptions", v,
                base == null ? HttpEndpointDestination.DEFAULT_RETRY_SECONDS : base.retryDurationSeconds());
        String backupMode = in.string("S3BackupMode");
        v.oneOf(path + ".s3BackupMode", backupMode, HTTP_BACKUP_MODES);
        String s3Member = update ? "S3Update" : "S3Configuration";
        WireObject s3In = in.object(s3Member);
        if (base == null) {
            v.required(path + "." + lowerFirst(s3Member), s3In);
        }
        S3Settings s3 = s3In == null ? (base == null ? null : base.s3())
                : s3(s3In, path + "." + lowerFirst(s3Member), v, base == null ? null : base.s3());
        if (url == null || s3 == null) {
            return null;
        }
        return new HttpEndpointDestination(url, name, accessKey, hints, logging, encoding, attributes, proc,
                or(role, base == null ? null : base.roleArn()), retrySeconds,
                backupMode == null ? base != null && base.allDataBackup() : backupMode.equals("AllData"), s3);
    }

    BufferingHints hints(WireObject in, String path, Validator v, int maxSize, BufferingHints base) {
        BufferingHints current = base == null ? BufferingHints.DEFAULT : base;
        if (in == null) {
            return current;
        }
        Integer size = in.integer("SizeInMBs");
        Integer interval = in.integer("IntervalInSeconds");
        v.range(path + ".sizeInMBs", size, 1, maxSize).range(path + ".intervalInSeconds", interval, 0, 900);
        int s = size == null ? current.sizeInMBs() : size;
        int i = interval == null ? current.intervalInSeconds() : interval;
        // out-of-range values are in the validator already; clamping only keeps the record constructible
        return new BufferingHints(Math.max(1, Math.min(s, maxSize)), Math.max(0, Math.min(i, 900)));
    }

    private String kmsKey(WireObject in, String path, Validator v, String base) {
        if (in == null) {
            return base;
        }
        String none = in.string("NoEncryptionConfig");
        v.oneOf(path + ".noEncryptionConfig", none, List.of("NoEncryption"));
        WireObject kms = in.object("KMSEncryptionConfig");
        if (kms == null) {
            return null;
        }
        String key = kms.string("AWSKMSKeyARN");
        v.required(path + ".kMSEncryptionConfig.aWSKMSKeyARN", key)
                .length(path + ".kMSEncryptionConfig.aWSKMSKeyARN", key, 1, 512)
                .pattern(path + ".kMSEncryptionConfig.aWSKMSKeyARN", key, Patterns.KMS_KEY_ARN);
        return key;
    }

    CloudWatchLogging logging(WireObject in, String path, Validator v, CloudWatchLogging base) {
        if (in == null) {
            return base;
        }
        String group = in.string("LogGroupName");
        String stream = in.string("LogStreamName");
        v.length(path + ".logGroupName", group, 0, 512).pattern(path + ".logGroupName", group, Patterns.LOG_GROUP)
                .length(path + ".logStreamName", stream, 0, 512)
                .pattern(path + ".logStreamName", stream, Patterns.LOG_STREAM);
        Boolean enabled = in.bool("Enabled");
        return new CloudWatchLogging(enabled != null && enabled, group, stream);
    }

    private DynamicPartitioning partitioning(WireObject in, String path, Validator v, DynamicPartitioning base) {
        DynamicPartitioning current = base == null ? DynamicPartitioning.DISABLED : base;
        if (in == null) {
            return current;
        }
        Boolean enabled = in.bool("Enabled");
        int retry = retry(in.object("RetryOptions"), path + ".retryOptions", v, current.retryDurationSeconds());
        return new DynamicPartitioning(enabled == null ? current.enabled() : enabled, retry);
    }

    /**
     * The S3 settings a non-S3 destination stages or backs up to: {@code S3Configuration} at create (required),
     * {@code S3Update} in an UpdateDestination, read over {@code base}'s (null at create).
     */
    S3Settings s3ConfigurationOrUpdate(WireObject in, String path, Validator v, boolean update, S3Settings base) {
        String s3Path = path + "." + (update ? "s3Update" : "s3Configuration");
        WireObject s3In = in.object(update ? "S3Update" : "S3Configuration");
        if (base == null) {
            v.required(s3Path, s3In);
        }
        return s3In == null ? base : s3(s3In, s3Path, v, base);
    }

    int retry(WireObject in, String path, Validator v, int base) {
        Integer seconds = in == null ? null : in.integer("DurationInSeconds");
        v.range(path + ".durationInSeconds", seconds, 0, 7200);
        return seconds == null ? base : Math.max(0, Math.min(seconds, 7200));
    }

    private static String or(String value, String fallback) {
        return value != null ? value : fallback;
    }

    private static String lowerFirst(String member) {
        return Character.toLowerCase(member.charAt(0)) + member.substring(1);
    }
}
