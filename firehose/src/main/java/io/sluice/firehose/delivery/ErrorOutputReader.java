package io.sluice.firehose.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.firehose.config.DestinationConfig;
import io.sluice.firehose.config.ExtendedS3Destination;
import io.sluice.firehose.config.HttpEndpointDestination;
import io.sluice.firehose.config.IcebergDestination;
import io.sluice.firehose.config.RedshiftDestination;
import io.sluice.firehose.config.S3Settings;
import io.sluice.firehose.config.SearchDestination;
import io.sluice.firehose.config.SplunkDestination;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Reads back a destination's newest error output (the objects {@link ErrorRecords} wrote under the error output
 * prefix: {@code processing-failed/}, {@code http-endpoint-failed/}...) through the store the destination writes
 * to, for the console. Lists at most {@link #LISTED} keys under the prefix's literal start, keeps those the prefix
 * could have written, and reads the most recently written ones, newest record first. Plain and gzip objects are
 * read; lines that are not error records (or objects in another compression) are skipped. Thread-safe: holds only
 * the store, which is.
 */
public final class ErrorOutputReader {

    /** How many keys one look lists at most, so that a bucket full of error output stays cheap to look at. */
    public static final int LISTED = 1000;
    /** How much of each record's data is returned. */
    public static final int RAW_DATA_BYTES = 1024;

    /**
     * One error record as read back.
     *
     * @param rawData   the record's data, base64, cut to {@link #RAW_DATA_BYTES} bytes
     * @param truncated whether rawData was cut
     */
    public record ErrorOutputRecord(String objectKey, long objectModifiedMillis, String errorCode,
                                    String errorMessage, int attemptsMade, long arrivalMillis,
                                    long attemptEndingMillis, String lambdaArn, String rawData, boolean truncated) {
    }

    private final ReadableObjectStore store;
    private final ObjectMapper json = new ObjectMapper();

    public ErrorOutputReader(ReadableObjectStore store) {
        this.store = store;
    }

    /** Up to {@code maxRecords} records of the newest {@code maxObjects} error objects, newest object first. */
    public List<ErrorOutputRecord> newest(DestinationConfig destination, int maxObjects, int maxRecords)
            throws IOException {
        S3Settings s3 = switch (destination) {
            case ExtendedS3Destination d -> d.s3();
            case HttpEndpointDestination d -> d.s3();
            case RedshiftDestination d -> d.s3();
            case IcebergDestination d -> d.s3();
            case SearchDestination d -> d.s3();
            case SplunkDestination d -> d.s3();
        };
        PrefixTemplate prefix = PrefixTemplate.forErrors(s3.errorOutputPrefix());
        List<ReadableObjectStore.StoredObject> objects = new ArrayList<>(store.list(s3.bucket(),
                prefix.literalStart(), LISTED).stream().filter(o -> prefix.couldHaveWritten(o.key())).toList());
        objects.sort(Comparator.comparingLong(ReadableObjectStore.StoredObject::lastModifiedMillis)
                .thenComparing(ReadableObjectStore.StoredObject::key).reversed());
        List<ErrorOutputRecord> out = new ArrayList<>();
        for (ReadableObjectStore.StoredObject object : objects.subList(0, Math.min(maxObjects, objects.size()))) {
            List<ErrorOutputRecord> records = read(object, store.get(s3.bucket(), object.key()));
            for (int i = records.size() - 1; i >= 0 && out.size() < maxRecords; i--) {
                out.add(records.get(i));
            }
        }
        return out;
    }

    private List<ErrorOutputRecord> read(ReadableObjectStore.StoredObject object, byte[] body) throws IOException {
        boolean gzip = body.length > 1 && (body[0] & 0xff) == 0x1f && (body[1] & 0xff) == 0x8b;
        List<ErrorOutputRecord> out = new ArrayList<>();
        try (InputStream in = gzip ? new GZIPInputStream(new ByteArrayInputStream(body))
                : new ByteArrayInputStream(body);
             BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                JsonNode node = parse(line);
                // format conversion's error records name their error lastErrorCode and lastErrorMessage
                if (node != null && (node.hasNonNull("errorCode") || node.hasNonNull("lastErrorCode"))) {
                    out.add(record(object, node));
                }
            }
        }
        return out;
    }

    private JsonNode parse(String line) {
        try {
            return line.isBlank() ? null : json.readTree(line);
        } catch (IOException e) {
            return null;
        }
    }

    private static ErrorOutputRecord record(ReadableObjectStore.StoredObject object, JsonNode node) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(node.path("rawData").asText(""));
        } catch (IllegalArgumentException e) {
            raw = new byte[0];
        }
        boolean truncated = raw.length > RAW_DATA_BYTES;
        byte[] shown = truncated ? java.util.Arrays.copyOf(raw, RAW_DATA_BYTES) : raw;
        boolean conversion = !node.hasNonNull("errorCode");
        String code = node.path(conversion ? "lastErrorCode" : "errorCode").asText();
        String message = node.path(conversion ? "lastErrorMessage" : "errorMessage").asText("");
        return new ErrorOutputRecord(object.key(), object.lastModifiedMillis(), code, message,
                node.path("attemptsMade").asInt(),
                node.path("arrivalTimestamp").asLong(), node.path("attemptEndingTimestamp").asLong(),
                node.hasNonNull("lambdaArn") ? node.get("lambdaArn").asText() : null,
                Base64.getEncoder().encodeToString(shown), truncated);
    }
}
