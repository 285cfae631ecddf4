package io.sluice.mappings.filter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random nested events: a pattern naming any one leaf's path and value matches the event; the same path with a
 * value the event does not hold there does not; anything-but that value matches exactly when another value is
 * there. Prints its seed.
 */
class RandomEventMatchingTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private record Leaf(List<String> path, JsonNode value) {
    }

    @Test
    void patternsBuiltFromAnEventsLeavesAgreeWithTheEvent() throws InvalidFilterException {
        long seed = System.nanoTime();
        System.out.println("RandomEventMatchingTest seed " + seed);
        Random random = new Random(seed);
        for (int round = 0; round < 500; round++) {
            ObjectNode event = randomObject(random, 3);
            List<Leaf> leaves = new ArrayList<>();
            collect(event, new ArrayList<>(), leaves);
            List<Leaf> candidates = leaves.stream()
                    .filter(leaf -> leaf.value().isTextual() || leaf.value().isNumber()).toList();
            if (candidates.isEmpty()) {
                continue;
            }
            Leaf leaf = candidates.get(random.nextInt(candidates.size()));
            String context = "seed " + seed + ", round " + round + ", event " + event + ", leaf " + leaf;

            assertThat(matches(pattern(leaf.path(), NODES.arrayNode().add(leaf.value())), event))
                    .as(context).isTrue();
            assertThat(matches(pattern(leaf.path(), NODES.arrayNode().add("absent-" + seed)), event))
                    .as(context).isFalse();
            boolean otherValueThere = leaves.stream().anyMatch(other -> other.path().equals(leaf.path())
                    && !ValueRule.sameValue(leaf.value(), other.value()));
            ObjectNode anythingBut = NODES.objectNode();
            anythingBut.set("anything-but", leaf.value());
            assertThat(matches(pattern(leaf.path(), NODES.arrayNode().add(anythingBut)), event))
                    .as(context).isEqualTo(otherValueThere);
        }
    }

    private static boolean matches(ObjectNode pattern, JsonNode event) throws InvalidFilterException {
        return FilterPatterns.compile(List.of(pattern.toString())).matches(event);
    }

    private static ObjectNode pattern(List<String> path, JsonNode values) {
        ObjectNode root = NODES.objectNode();
        ObjectNode at = root;
        for (int i = 0; i < path.size() - 1; i++) {
            at = at.putObject(path.get(i));
        }
        at.set(path.get(path.size() - 1), values);
        return root;
    }

    /** Scalars reachable by field names, arrays flattened (one pattern path sees every element). */
    private static void collect(JsonNode node, List<String> path, List<Leaf> leaves) {
        if (node.isObject()) {
            node.properties().forEach(field -> {
                List<String> next = new ArrayList<>(path);
                next.add(field.getKey());
                collect(field.getValue(), next, leaves);
            });
        } else if (node.isArray()) {
            node.forEach(element -> collect(element, path, leaves));
        } else if (!path.isEmpty()) {
            leaves.add(new Leaf(List.copyOf(path), node));
        }
    }

    private static ObjectNode randomObject(Random random, int depth) {
        ObjectNode object = NODES.objectNode();
        int fields = 1 + random.nextInt(3);
        for (int i = 0; i < fields; i++) {
            object.set("f" + random.nextInt(4), randomValue(random, depth - 1));
        }
        return object;
    }

    private static JsonNode randomValue(Random random, int depth) {
        int kind = random.nextInt(depth > 0 ? 6 : 4);
        return switch (kind) {
            case 0 -> NODES.textNode("v" + random.nextInt(5));
            case 1 -> NODES.numberNode(random.nextInt(5));
            case 2 -> NODES.numberNode(random.nextInt(5) + 0.5);
            case 3 -> random.nextBoolean() ? NODES.booleanNode(random.nextBoolean()) : NODES.nullNode();
            case 4 -> randomObject(random, depth);
            default -> {
                var array = NODES.arrayNode();
                int size = random.nextInt(3);
                for (int i = 0; i < size; i++) {
                    array.add(randomValue(random, depth - 1));
                }
                yield array;
            }
        };
    }
}
