package io.sluice.mappings.filter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.util.List;
import java.util.Map;

/**
 * A compiled pattern object: every named field must match the event node, and every {@code $or} group must have
 * one alternative that matches it. When the event node is an array, the pattern matches if it matches one element,
 * so fields named together match within one element of an event array (AWS's array-consistent matching).
 * Immutable and thread-safe.
 *
 * @param fields   field name to what its value must be, in pattern order
 * @param orGroups each {@code $or} at this level: alternatives evaluated against the same event node
 */
record ObjectPattern(Map<String, FieldPattern> fields, List<List<ObjectPattern>> orGroups) {

    ObjectPattern {
        fields = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
        orGroups = orGroups.stream().map(List::copyOf).toList();
    }

    /** @param node an event object, array, scalar, or {@link MissingNode} where the event has nothing */
    boolean matches(JsonNode node) {
        if (node.isArray() && !node.isEmpty()) {
            for (JsonNode element : node) {
                if (matches(element)) {
                    return true;
                }
            }
            return false;
        }
        for (Map.Entry<String, FieldPattern> field : fields.entrySet()) {
            JsonNode child = node.isObject() ? node.path(field.getKey()) : MissingNode.getInstance();
            if (!field.getValue().matches(child)) {
                return false;
            }
        }
        for (List<ObjectPattern> alternatives : orGroups) {
            if (alternatives.stream().noneMatch(alternative -> alternative.matches(node))) {
                return false;
            }
        }
        return true;
    }
}
