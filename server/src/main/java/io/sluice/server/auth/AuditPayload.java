package io.sluice.server.auth;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import io.sluice.protocol.WireFormat;

import java.io.IOException;

/**
 * A request or response body as an audit record shows it: the structure, without record data. The record
 * payloads ({@code Data} of Kinesis's PutRecord, {@code Records[].Data} of PutRecords and of GetRecords' answer,
 * {@code Record.Data} of Firehose's PutRecord and {@code Records[].Data} of its PutRecordBatch) are skipped while
 * parsing, so they are never decoded, copied or written. Immutable.
 */
public final class AuditPayload {

    private static final int MAX_DEPTH = 32;
    private static final JsonFactory JSON = JsonFactory.builder().streamReadConstraints(limits()).build();
    private static final JsonFactory CBOR = CBORFactory.builder().streamReadConstraints(limits()).build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Where in the structure the parser is, which decides whether a {@code Data} member is record data. */
    private enum Level { TOP, RECORD_LIST, RECORD, OTHER }

    private final JsonNode tree;

    private AuditPayload(JsonNode tree) {
        this.tree = tree;
    }

    /** The body of a call in its wire format; a body that does not parse shows as JSON null. */
    public static AuditPayload of(WireFormat format, byte[] body) {
        try (JsonParser parser = (format == WireFormat.CBOR ? CBOR : JSON).createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return new AuditPayload(NODES.nullNode());
            }
            return new AuditPayload(object(parser, Level.TOP));
        } catch (IOException e) {
            return new AuditPayload(NODES.nullNode());
        }
    }

    JsonNode tree() {
        return tree;
    }

    private static ObjectNode object(JsonParser parser, Level level) throws IOException {
        ObjectNode object = NODES.objectNode();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            if (name.equals("Data") && (level == Level.TOP || level == Level.RECORD)) {
                parser.skipChildren();
                continue;
            }
            object.set(name, value(parser, level != Level.TOP ? Level.OTHER
                    : name.equals("Records") ? Level.RECORD_LIST : name.equals("Record") ? Level.RECORD : Level.OTHER));
        }
        return object;
    }

    private static JsonNode value(JsonParser parser, Level level) throws IOException {
        return switch (parser.currentToken()) {
            case START_OBJECT -> object(parser, level == Level.RECORD_LIST ? Level.RECORD : level);
            case START_ARRAY -> {
                ArrayNode array = NODES.arrayNode();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    array.add(value(parser, level));
                }
                yield array;
            }
            case VALUE_STRING -> NODES.textNode(parser.getText());
            case VALUE_NUMBER_INT -> switch (parser.getNumberType()) {
                case INT -> NODES.numberNode(parser.getIntValue());
                case LONG -> NODES.numberNode(parser.getLongValue());
                default -> NODES.numberNode(parser.getBigIntegerValue());
            };
            case VALUE_NUMBER_FLOAT -> NODES.numberNode(parser.getDoubleValue());
            case VALUE_TRUE, VALUE_FALSE -> NODES.booleanNode(parser.getBooleanValue());
            case VALUE_EMBEDDED_OBJECT -> NODES.binaryNode(parser.getBinaryValue());
            default -> NODES.nullNode();
        };
    }

    private static StreamReadConstraints limits() {
        return StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build();
    }
}
