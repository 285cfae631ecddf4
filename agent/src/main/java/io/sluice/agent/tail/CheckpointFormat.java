package io.sluice.agent.tail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The checkpoint file's bytes, version 1: a JSON object
 * <pre>{"format": "sluice-agent-checkpoints", "version": 1, "checkpoints": [
 *   {"flow": "/var/log/app.log*->stream", "fileKey": "(dev=803,ino=1234)", "path": "/var/log/app.log",
 *    "offset": 4096, "size": 5000, "modifiedMillis": 1765000000000,
 *    "fingerprint": {"length": 1024, "crc32c": 123456789}, "updatedMillis": 1765000000500}, ...]}</pre>
 * A file of another format or a version this agent does not know is refused, naming the version: a newer agent's
 * checkpoints are never overwritten by an older one. Unknown fields of an entry are ignored (a later version 1
 * writer may add some). Stateless and thread-safe.
 */
final class CheckpointFormat {

    static final String FORMAT = "sluice-agent-checkpoints";
    static final int VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private CheckpointFormat() {
    }

    static byte[] write(Collection<Checkpoint> checkpoints) {
        ObjectNode root = JSON.createObjectNode().put("format", FORMAT).put("version", VERSION);
        ArrayNode entries = root.putArray("checkpoints");
        for (Checkpoint c : checkpoints) {
            ObjectNode entry = entries.addObject()
                    .put("flow", c.flowId()).put("fileKey", c.fileKey()).put("path", c.path().toString())
                    .put("offset", c.offset()).put("size", c.size()).put("modifiedMillis", c.modifiedMillis());
            entry.putObject("fingerprint")
                    .put("length", c.fingerprint().length()).put("crc32c", c.fingerprint().crc32c());
            entry.put("updatedMillis", c.updatedMillis());
        }
        try {
            return JSON.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings and numbers always serializes", e);
        }
    }

    static List<Checkpoint> read(byte[] bytes, Path file) throws CheckpointFileException {
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (java.io.IOException e) {
            throw new CheckpointFileException(file, "is not JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject() || !FORMAT.equals(root.path("format").asText(null))) {
            throw new CheckpointFileException(file, "is not a Sluice agent checkpoint file (no \"format\": \""
                    + FORMAT + "\")");
        }
        JsonNode version = root.path("version");
        if (!version.isInt() || version.intValue() != VERSION) {
            throw new CheckpointFileException(file, "has version " + version + "; this agent reads version "
                    + VERSION + " (written by a newer agent?)");
        }
        List<Checkpoint> checkpoints = new ArrayList<>();
        for (JsonNode entry : root.path("checkpoints")) {
            checkpoints.add(entry(entry, file));
        }
        return checkpoints;
    }

    private static Checkpoint entry(JsonNode e, Path file) throws CheckpointFileException {
        try {
            JsonNode fingerprint = e.path("fingerprint");
            return new Checkpoint(text(e, "flow"), text(e, "fileKey"), Path.of(text(e, "path")),
                    number(e, "offset"), number(e, "size"), number(e, "modifiedMillis"),
                    new FileFingerprint((int) number(fingerprint, "length"), number(fingerprint, "crc32c")),
                    number(e, "updatedMillis"));
        } catch (IllegalArgumentException | NullPointerException ex) {
            throw new CheckpointFileException(file, "has a bad entry " + e + ": " + ex.getMessage());
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("\"" + field + "\" is not a string");
        }
        return value.textValue();
    }

    private static long number(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.canConvertToLong() || !value.isIntegralNumber()) {
            throw new IllegalArgumentException("\"" + field + "\" is not an integer");
        }
        return value.longValue();
    }
}
