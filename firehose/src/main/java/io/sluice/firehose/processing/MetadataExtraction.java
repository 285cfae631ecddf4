package io.sluice.firehose.processing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import io.sluice.common.Clock;
import net.thisptr.jackson.jq.BuiltinFunctionLoader;
import net.thisptr.jackson.jq.JsonQuery;
import net.thisptr.jackson.jq.Scope;
import net.thisptr.jackson.jq.Versions;
import net.thisptr.jackson.jq.exception.JsonQueryException;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The MetadataExtraction processor: runs the JQ 1.6 query of {@code MetadataExtractionQuery} (such as
 * {@code {customer_id: .customer_id}}) on each record's JSON and takes the members of the object it yields as the
 * record's partition keys for {@code !{partitionKeyFromQuery:name}}. A record that is not JSON, or whose query
 * fails or yields anything but one object of scalars, fails with
 * {@code DynamicPartitioning.MetadataExtractionFailed}.
 *
 * <p>jackson-jq has no {@code strftime}, which Firehose's own examples use ({@code .ts | strftime("%Y")}): it is
 * added here for epoch seconds with the C conversions {@code %Y %m %d %H %M %S %j %y %e %%}, in UTC, as jq does.
 *
 * <p>Threading: the compiled query and scope are read-only after construction; apply from one thread at a time.
 */
public final class MetadataExtraction implements ProcessingStage {

    private final ObjectMapper json = new ObjectMapper();
    private final Scope scope;
    private final JsonQuery query;
    private final Clock clock;

    /** @throws IllegalArgumentException if the query does not compile */
    public MetadataExtraction(String queryText, Clock clock) {
        this.clock = clock;
        Scope root = Scope.newEmptyScope();
        BuiltinFunctionLoader.getInstance().loadFunctions(Versions.JQ_1_6, root);
        root.addFunction("strftime", 1, (scope, args, in, path, output, version) ->
                args.getFirst().apply(scope, in, format -> {
                    if (!in.isNumber() || !format.isTextual()) {
                        throw new JsonQueryException("strftime/1 requires a number of seconds and a format");
                    }
                    output.emit(new TextNode(strftime(in.asDouble(), format.asText())), null);
                }));
        this.scope = Scope.newChildScope(root);
        try {
            this.query = JsonQuery.compile(queryText, Versions.JQ_1_6);
        } catch (JsonQueryException e) {
            throw new IllegalArgumentException("MetadataExtractionQuery does not compile: " + e.getMessage(), e);
        }
    }

    @Override
    public StageResult apply(List<ProcessedRecord> records) {
        List<ProcessedRecord> out = new ArrayList<>(records.size());
        List<FailedRecord> failed = new ArrayList<>();
        for (ProcessedRecord record : records) {
            try {
                Map<String, String> keys = new LinkedHashMap<>(record.partitionKeys());
                keys.putAll(extract(record.data()));
                out.add(record.withPartitionKeys(keys));
            } catch (IOException e) {
                failed.add(FailedRecord.of(record, "DynamicPartitioning.MetadataExtractionFailed", e.getMessage(),
                        1, clock.millis(), null));
            }
        }
        return new StageResult(out, failed);
    }

    private Map<String, String> extract(byte[] data) throws IOException {
        JsonNode input = json.readTree(data);
        if (input == null) {
            throw new IOException("The record is empty, not JSON.");
        }
        List<JsonNode> results = new ArrayList<>(1);
        query.apply(scope, input, results::add);
        if (results.size() != 1 || !results.getFirst().isObject()) {
            throw new IOException("The query must yield one object, not " + results);
        }
        Map<String, String> keys = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = results.getFirst().fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> key = it.next();
            if (!key.getValue().isValueNode() || key.getValue().isNull()) {
                throw new IOException("Partition key " + key.getKey() + " is " + key.getValue()
                        + ", not a string, number or boolean.");
            }
            keys.put(ProcessedRecord.FROM_QUERY + key.getKey(), key.getValue().asText());
        }
        return keys;
    }

    static String strftime(double epochSeconds, String format) {
        var time = Instant.ofEpochMilli((long) (epochSeconds * 1000)).atOffset(ZoneOffset.UTC);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c != '%' || i + 1 == format.length()) {
                out.append(c);
                continue;
            }
            char conversion = format.charAt(++i);
            switch (conversion) {
                case 'Y' -> out.append(String.format("%04d", time.getYear()));
                case 'y' -> out.append(String.format("%02d", time.getYear() % 100));
                case 'm' -> out.append(String.format("%02d", time.getMonthValue()));
                case 'd' -> out.append(String.format("%02d", time.getDayOfMonth()));
                case 'e' -> out.append(String.format("%2d", time.getDayOfMonth()));
                case 'H' -> out.append(String.format("%02d", time.getHour()));
                case 'M' -> out.append(String.format("%02d", time.getMinute()));
                case 'S' -> out.append(String.format("%02d", time.getSecond()));
                case 'j' -> out.append(String.format("%03d", time.getDayOfYear()));
                case '%' -> out.append('%');
                default -> out.append('%').append(conversion);
            }
        }
        return out.toString();
    }
}
