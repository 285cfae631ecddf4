package io.sluice.analytics.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads rows in one pass of Jackson's streaming parser, for the common schema (row path {@code $}, member and
 * index paths only): the column paths are compiled into a trie, members no column reads are skipped without being
 * materialised, and values are converted straight from the parser's tokens. A top-level array yields one row per
 * element, as the row path {@code $} does on the tree path; a record holding several top-level JSON values yields
 * the rows of each. Only an array or object a column reads whole is materialised (as a tree, so its JSON text is
 * the tree reader's, numbers spelled exactly). Immutable and thread-safe (each call makes its own parser).
 */
final class JsonStreamRows {

    private final CompiledSchema schema;
    private final JsonFactory factory;
    private final ObjectMapper mapper;
    private final Node root;

    JsonStreamRows(CompiledSchema schema, ObjectMapper mapper) {
        this.schema = schema;
        this.mapper = mapper;
        this.factory = mapper.getFactory();
        this.root = new Node(0);
        for (int c = 0; c < schema.columnCount(); c++) {
            root.add(schema.paths.get(c).segments(), 0, c);
        }
        root.freeze();
    }

    void parse(byte[] record, RowHandler handler) {
        try (JsonParser parser = factory.createParser(record)) {
            JsonToken token = parser.nextToken();
            if (token == null) {
                handler.error("Record is empty", record);
                return;
            }
            while (token != null) {
                if (!token.isStructStart()) {
                    handler.error("Record is not a JSON object or array", record);
                    return;
                }
                if (token == JsonToken.START_ARRAY) {
                    while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
                        row(parser, token, handler, record);
                    }
                } else {
                    row(parser, token, handler, record);
                }
                token = parser.nextToken();
            }
        } catch (JsonProcessingException e) {
            handler.error("Record is not valid JSON: " + e.getOriginalMessage(), record);
        } catch (IOException e) {
            handler.error("Record cannot be read: " + e.getMessage(), record);
        }
    }

    private void row(JsonParser parser, JsonToken token, RowHandler handler, byte[] record) throws IOException {
        RowBuilder row = new RowBuilder(schema.columnCount(), schema.lenient);
        walk(parser, token, root, row);
        row.emit(handler, record);
    }

    private void walk(JsonParser parser, JsonToken token, Node node, RowBuilder row) throws IOException {
        for (int c : node.subtree) {
            row.clear(c);
        }
        if (node.columns.length > 0) {
            if (token.isStructStart()) {
                if (node.hasChildren()) {
                    fromTree(mapper.readTree(parser), node, row);
                } else {
                    String json = mapper.readTree(parser).toString();
                    for (int c : node.columns) {
                        try {
                            row.set(c, schema.coercers[c].fromStructure(json));
                        } catch (CoercionException e) {
                            row.fail(c, e);
                        }
                    }
                }
                return;
            }
            for (int c : node.columns) {
                try {
                    row.set(c, scalar(parser, token, schema.coercers[c]));
                } catch (CoercionException e) {
                    row.fail(c, e);
                }
            }
            return;
        }
        if (token == JsonToken.START_OBJECT && !node.members.isEmpty()) {
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                Node child = node.members.get(parser.currentName());
                JsonToken value = parser.nextToken();
                if (child == null) {
                    parser.skipChildren();
                } else {
                    walk(parser, value, child, row);
                }
            }
        } else if (token == JsonToken.START_ARRAY && node.indexes.length > 0) {
            int position = 0;
            JsonToken value;
            while ((value = parser.nextToken()) != JsonToken.END_ARRAY) {
                Node child = position < node.indexes.length ? node.indexes[position] : null;
                position++;
                if (child == null) {
                    parser.skipChildren();
                } else {
                    walk(parser, value, child, row);
                }
            }
        } else {
            parser.skipChildren();
        }
    }

    /** A member read both whole and below: every column of the subtree is evaluated on its tree. */
    private void fromTree(JsonNode tree, Node node, RowBuilder row) {
        for (int c : node.subtree) {
            List<JsonPath.Segment> path = schema.paths.get(c).segments();
            try {
                row.set(c, JsonTreeRows.coerce(JsonTreeRows.resolve(tree, path, node.depth, path.size()),
                        schema.coercers[c]));
            } catch (CoercionException e) {
                row.fail(c, e);
            }
        }
    }

    private static Object scalar(JsonParser parser, JsonToken token, ValueCoercer coercer)
            throws IOException, CoercionException {
        return switch (token) {
            case VALUE_NULL -> null;
            case VALUE_TRUE -> coercer.fromBoolean(true);
            case VALUE_FALSE -> coercer.fromBoolean(false);
            case VALUE_NUMBER_INT -> parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                    ? coercer.fromNumber(parser.getText())
                    : coercer.fromLong(parser.getLongValue());
            case VALUE_NUMBER_FLOAT -> coercer.fromNumber(parser.getText());
            case VALUE_STRING -> coercer.fromString(parser.getText());
            default -> coercer.fromString(parser.getText());
        };
    }

    /** One step of the compiled paths: the columns that end here and the steps that continue. */
    private static final class Node {
        final int depth;
        Map<String, Node> members = new HashMap<>();
        Node[] indexes = new Node[0];
        int[] columns = new int[0];
        int[] subtree = new int[0];
        private final List<Integer> ending = new ArrayList<>();
        private final List<Integer> below = new ArrayList<>();

        Node(int depth) {
            this.depth = depth;
        }

        void add(List<JsonPath.Segment> path, int at, int column) {
            below.add(column);
            if (at == path.size()) {
                ending.add(column);
                return;
            }
            Node child;
            if (path.get(at) instanceof JsonPath.Member member) {
                child = members.computeIfAbsent(member.name(), k -> new Node(depth + 1));
            } else {
                int position = ((JsonPath.Index) path.get(at)).position();
                if (position >= indexes.length) {
                    indexes = Arrays.copyOf(indexes, position + 1);
                }
                if (indexes[position] == null) {
                    indexes[position] = new Node(depth + 1);
                }
                child = indexes[position];
            }
            child.add(path, at + 1, column);
        }

        void freeze() {
            columns = ending.stream().mapToInt(Integer::intValue).toArray();
            subtree = below.stream().mapToInt(Integer::intValue).toArray();
            members = Map.copyOf(members);
            members.values().forEach(Node::freeze);
            for (Node child : indexes) {
                if (child != null) {
                    child.freeze();
                }
            }
        }

        boolean hasChildren() {
            return !members.isEmpty() || indexes.length > 0;
        }
    }
}
