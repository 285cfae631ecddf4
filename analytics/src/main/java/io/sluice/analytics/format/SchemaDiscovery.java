package io.sluice.analytics.format;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Infers a source schema from sample records, as KDA's DiscoverInputSchema does ({@code sch-dis},
 * {@code sch-dis-ref}):
 * <ul>
 *   <li>Format: JSON when every readable sample holds JSON objects (or arrays of objects), else CSV.</li>
 *   <li>JSON: RecordRowPath {@code $}; one column per member path in first-seen order, nested objects flattened
 *   ({@code $.a.b}), arrays kept whole as VARCHAR ({@code $.a[0:]}); a nested member is named after its own
 *   name, or after its whole path ({@code a_b}) when that name is taken.</li>
 *   <li>CSV: row delimiter {@code \r\n} when the samples use it, else {@code \n}; column delimiter the one of
 *   {@code , \t | ;} that splits the most rows into the same number (more than one) of fields, else a single
 *   column; a first row of names (no field of it reads as a number or boolean, while some column below does)
 *   names the columns, else they are {@code COL_0, COL_1...}.</li>
 *   <li>Types: {@link ColumnStats}. Names: {@link ColumnNames}, made unique with {@code _<position>}. At most
 *   1,000 columns.</li>
 * </ul>
 * Stateless and thread-safe.
 */
public final class SchemaDiscovery {

    private static final String[] COLUMN_DELIMITERS = {",", "\t", "|", ";"};

    /**
     * @throws UnableToDetectSchema when there are no samples, or none is UTF-8 text with content
     */
    public DiscoveryResult discover(List<byte[]> samples) throws UnableToDetectSchema {
        List<String> raw = samples.stream().map(RecordParser::text).toList();
        if (samples.isEmpty()) {
            throw new UnableToDetectSchema("Unable to detect a schema: no records were found to sample", raw);
        }
        List<String> readable = new ArrayList<>();
        for (byte[] sample : samples) {
            String text = strictUtf8(sample);
            if (text != null && !text.isBlank()) {
                readable.add(text);
            }
        }
        if (readable.isEmpty()) {
            throw new UnableToDetectSchema(
                    "Unable to detect a schema: the sampled records are empty or not UTF-8 text", raw);
        }
        List<JsonNode> rows = jsonRows(readable);
        SourceSchema schema = rows != null ? jsonSchema(rows) : csvSchema(readable);
        if (schema == null) {
            throw new UnableToDetectSchema("Unable to detect a schema: the sampled records hold no fields", raw);
        }
        return new DiscoveryResult(schema, parsed(schema, samples), raw);
    }

    private static String strictUtf8(byte[] bytes) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** The JSON objects the samples hold as rows, or null when a sample is not JSON objects. */
    private static List<JsonNode> jsonRows(List<String> samples) {
        List<JsonNode> rows = new ArrayList<>();
        for (String sample : samples) {
            try (JsonParser parser = RecordParser.MAPPER.getFactory().createParser(sample)) {
                while (parser.nextToken() != null) {
                    JsonNode value = RecordParser.MAPPER.readTree(parser);
                    if (value.isObject()) {
                        rows.add(value);
                    } else if (value.isArray() && !value.isEmpty()) {
                        for (JsonNode element : value) {
                            if (!element.isObject()) {
                                return null;
                            }
                            rows.add(element);
                        }
                    } else {
                        return null;
                    }
                }
            } catch (IOException e) {
                return null;
            }
        }
        return rows;
    }

    private static SourceSchema jsonSchema(List<JsonNode> rows) {
        Map<String, JsonColumn> columns = new LinkedHashMap<>();
        for (JsonNode row : rows) {
            collect(row, "$", List.of(), columns);
        }
        if (columns.isEmpty()) {
            return null;
        }
        Set<String> taken = new HashSet<>();
        List<RecordColumn> out = new ArrayList<>();
        for (Map.Entry<String, JsonColumn> e : columns.entrySet()) {
            JsonColumn column = e.getValue();
            int position = out.size();
            List<String> names = column.names;
            String name = ColumnNames.suggest(names.get(names.size() - 1), position);
            if (taken.contains(name) && names.size() > 1) {
                name = ColumnNames.suggest(String.join("_", names), position);
            }
            out.add(new RecordColumn(unique(name, position, taken), column.stats.type(), e.getKey()));
        }
        return new SourceSchema(RecordFormat.json("$"), "UTF-8", out);
    }

    private static void collect(JsonNode object, String path, List<String> names, Map<String, JsonColumn> columns) {
        for (Map.Entry<String, JsonNode> member : object.properties()) {
            String memberPath = JsonPath.member(path, member.getKey());
            List<String> memberNames = new ArrayList<>(names);
            memberNames.add(member.getKey());
            JsonNode value = member.getValue();
            if (value.isObject() && !value.isEmpty()) {
                collect(value, memberPath, memberNames, columns);
                continue;
            }
            String columnPath = value.isArray() ? memberPath + "[0:]" : memberPath;
            JsonColumn column = columns.get(columnPath);
            if (column == null) {
                if (columns.size() >= CompiledSchema.MAX_COLUMNS) {
                    continue;
                }
                column = new JsonColumn(memberNames);
                columns.put(columnPath, column);
            }
            column.stats.observe(value);
        }
    }

    /** A discovered JSON column: the member names on its path, and its values so far. */
    private static final class JsonColumn {
        final List<String> names;
        final ColumnStats stats = new ColumnStats();

        JsonColumn(List<String> names) {
            this.names = List.copyOf(names);
        }
    }

    private static SourceSchema csvSchema(List<String> samples) {
        String rowDelimiter = samples.stream().anyMatch(s -> s.contains("\r\n")) ? "\r\n" : "\n";
        String columnDelimiter = ",";
        List<List<String>> rows = rows(samples, columnDelimiter, rowDelimiter);
        int columnCount = 1;
        double bestShare = 0;
        for (String candidate : COLUMN_DELIMITERS) {
            List<List<String>> split = rows(samples, candidate, rowDelimiter);
            int modal = modalWidth(split);
            double share = split.stream().filter(r -> r.size() == modal).count() / (double) split.size();
            if (modal > 1 && (share > bestShare || share == bestShare && modal > columnCount)) {
                bestShare = share;
                columnCount = modal;
                columnDelimiter = candidate;
                rows = split;
            }
        }
        if (rows.isEmpty()) {
            return null;
        }
        columnCount = Math.min(columnCount, CompiledSchema.MAX_COLUMNS);
        boolean header = hasHeader(rows, columnCount);
        ColumnStats[] stats = new ColumnStats[columnCount];
        for (int c = 0; c < columnCount; c++) {
            stats[c] = new ColumnStats();
        }
        for (List<String> row : header ? rows.subList(1, rows.size()) : rows) {
            for (int c = 0; c < columnCount && c < row.size(); c++) {
                stats[c].observe(row.get(c));
            }
        }
        Set<String> taken = new HashSet<>();
        List<RecordColumn> columns = new ArrayList<>();
        for (int c = 0; c < columnCount; c++) {
            String source = header && c < rows.get(0).size() ? rows.get(0).get(c) : "";
            String name = unique(ColumnNames.suggest(source, c), c, taken);
            columns.add(new RecordColumn(name, stats[c].type(), null));
        }
        return new SourceSchema(RecordFormat.csv(columnDelimiter, rowDelimiter), "UTF-8", columns);
    }

    private static List<List<String>> rows(List<String> samples, String columnDelimiter, String rowDelimiter) {
        CsvScanner scanner = new CsvScanner(columnDelimiter, rowDelimiter);
        List<List<String>> rows = new ArrayList<>();
        for (String sample : samples) {
            scanner.scan(sample, (fields, text, number) -> rows.add(fields));
        }
        return rows;
    }

    private static int modalWidth(List<List<String>> rows) {
        Map<Integer, Integer> counts = new LinkedHashMap<>();
        for (List<String> row : rows) {
            counts.merge(row.size(), 1, Integer::sum);
        }
        return counts.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(0);
    }

    private static boolean hasHeader(List<List<String>> rows, int columnCount) {
        if (rows.size() < 2) {
            return false;
        }
        List<String> first = rows.get(0);
        if (first.stream().anyMatch(f -> f.isBlank() || ColumnStats.looksTyped(f))) {
            return false;
        }
        for (int c = 0; c < columnCount; c++) {
            ColumnStats below = new ColumnStats();
            for (List<String> row : rows.subList(1, rows.size())) {
                if (c < row.size()) {
                    below.observe(row.get(c));
                }
            }
            if (!below.type().name().isCharacter()) {
                return true;
            }
        }
        return false;
    }

    private static String unique(String name, int position, Set<String> taken) {
        String candidate = name;
        while (!taken.add(candidate)) {
            candidate = candidate + "_" + position;
        }
        return candidate;
    }

    /**
     * Each sample row read with the discovered schema: a value as its text in the record, null where the schema
     * cannot read it (the lenient schema answers exactly that).
     */
    private static List<List<String>> parsed(SourceSchema schema, List<byte[]> samples) {
        RecordParser parser = new RecordParser(CompiledSchema.compile(schema, true));
        List<List<String>> parsed = new ArrayList<>();
        RowHandler collect = new RowHandler() {
            @Override
            public void row(Object[] values) {
                List<String> texts = new ArrayList<>(values.length);
                for (Object value : values) {
                    texts.add((String) value);
                }
                parsed.add(texts);
            }

            @Override
            public void error(String message, byte[] data) {
                // a sample the schema cannot read at all (not JSON, say) has no parsed row, as in KDA's answer
            }
        };
        for (byte[] sample : samples) {
            parser.parse(sample, collect);
        }
        return parsed;
    }
}
