package io.sluice.mappings.filter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a field's value list ({@code ["buy", 100, null, {"prefix": "x"}]}) into {@link ValueRule}s. Operators follow
 * EventBridge's content filtering as Lambda applies it: {@code prefix} and {@code suffix} (a string, or
 * {@code {"equals-ignore-case": string}}), {@code equals-ignore-case}, {@code anything-but} (a string, a number, a
 * non-empty list of only strings or only numbers, or {@code {"prefix"|"suffix": string}} or
 * {@code {"equals-ignore-case": string or strings}}), {@code numeric} ({@code ["=", n]}, one bound, or a lower then
 * an upper bound), {@code exists} (true or false), {@code cidr}. {@code wildcard} is refused: Lambda's filters do
 * not offer it. Stateless and thread-safe.
 */
final class ValueRuleParser {

    private ValueRuleParser() {
    }

    static List<ValueRule> values(JsonNode list, String path) throws InvalidFilterException {
        if (list.isEmpty()) {
            throw new InvalidFilterException("\"" + path + "\" has an empty list of values.");
        }
        List<ValueRule> rules = new ArrayList<>();
        for (JsonNode value : list) {
            if (value.isObject()) {
                rules.add(operator(value, path));
            } else if (value.isArray()) {
                throw new InvalidFilterException("\"" + path + "\": a list of values cannot hold a list.");
            } else {
                rules.add(new ValueRule.Exact(value));
            }
        }
        return rules;
    }

    private static ValueRule operator(JsonNode object, String path) throws InvalidFilterException {
        if (object.size() != 1) {
            throw fail(path, "an operator object holds exactly one operator, not " + object);
        }
        Map.Entry<String, JsonNode> entry = object.properties().iterator().next();
        JsonNode arg = entry.getValue();
        return switch (entry.getKey()) {
            case "prefix" -> affix(arg, path, "prefix", true);
            case "suffix" -> affix(arg, path, "suffix", false);
            case "equals-ignore-case" -> new ValueRule.EqualsIgnoreCase(text(arg, path, "equals-ignore-case"));
            case "anything-but" -> anythingBut(arg, path);
            case "numeric" -> new ValueRule.Numeric(numeric(arg, path));
            case "exists" -> {
                if (!arg.isBoolean()) {
                    throw fail(path, "\"exists\" takes true or false, not " + arg);
                }
                yield new ValueRule.Exists(arg.booleanValue());
            }
            case "cidr" -> new ValueRule.Cidr(CidrBlock.parse(text(arg, path, "cidr")));
            case "wildcard" -> throw fail(path, "\"wildcard\" is not supported by Lambda event filtering");
            default -> throw fail(path, "unknown operator \"" + entry.getKey() + "\"");
        };
    }

    private static ValueRule affix(JsonNode arg, String path, String name, boolean prefix)
            throws InvalidFilterException {
        boolean ignoreCase = false;
        JsonNode value = arg;
        if (arg.isObject()) {
            if (arg.size() != 1 || !arg.has("equals-ignore-case")) {
                throw fail(path, "\"" + name + "\" takes a string or {\"equals-ignore-case\": string}, not " + arg);
            }
            ignoreCase = true;
            value = arg.get("equals-ignore-case");
        }
        String text = text(value, path, name);
        return prefix ? new ValueRule.Prefix(text, ignoreCase) : new ValueRule.Suffix(text, ignoreCase);
    }

    private static ValueRule anythingBut(JsonNode arg, String path) throws InvalidFilterException {
        if (arg.isObject()) {
            if (arg.size() != 1) {
                throw fail(path, "\"anything-but\" takes one of prefix, suffix or equals-ignore-case, not " + arg);
            }
            Map.Entry<String, JsonNode> inner = arg.properties().iterator().next();
            return switch (inner.getKey()) {
                case "prefix" -> new ValueRule.AnythingBut(List.of(
                        new ValueRule.Prefix(nonEmpty(inner.getValue(), path, "anything-but prefix"), false)));
                case "suffix" -> new ValueRule.AnythingBut(List.of(
                        new ValueRule.Suffix(nonEmpty(inner.getValue(), path, "anything-but suffix"), false)));
                case "equals-ignore-case" -> ignoringCase(inner.getValue(), path);
                default -> throw fail(path, "\"anything-but\" cannot apply \"" + inner.getKey() + "\"");
            };
        }
        JsonNode list = arg.isArray() ? arg : JsonNodeFactory.instance.arrayNode().add(arg);
        if (list.isEmpty()) {
            throw fail(path, "\"anything-but\" has an empty list");
        }
        boolean strings = list.get(0).isTextual();
        List<ValueRule> excluded = new ArrayList<>();
        for (JsonNode value : list) {
            if (!(strings ? value.isTextual() : value.isNumber())) {
                throw fail(path, "\"anything-but\" takes strings only or numbers only, not " + arg);
            }
            excluded.add(new ValueRule.Exact(value));
        }
        return new ValueRule.AnythingBut(excluded);
    }

    private static ValueRule ignoringCase(JsonNode arg, String path) throws InvalidFilterException {
        List<ValueRule> excluded = new ArrayList<>();
        if (arg.isArray() && !arg.isEmpty()) {
            for (JsonNode value : arg) {
                excluded.add(new ValueRule.EqualsIgnoreCase(text(value, path, "anything-but equals-ignore-case")));
            }
        } else {
            excluded.add(new ValueRule.EqualsIgnoreCase(text(arg, path, "anything-but equals-ignore-case")));
        }
        return new ValueRule.AnythingBut(excluded);
    }

    private static NumericRange numeric(JsonNode arg, String path) throws InvalidFilterException {
        if (!arg.isArray() || (arg.size() != 2 && arg.size() != 4)) {
            throw fail(path, "\"numeric\" takes [operator, number] or [lower operator, number, upper operator,"
                    + " number], not " + arg);
        }
        String first = operatorName(arg.get(0), path);
        BigDecimal firstValue = number(arg.get(1), path);
        if (arg.size() == 2) {
            return switch (first) {
                case "=" -> NumericRange.equalTo(firstValue);
                case ">" -> new NumericRange(firstValue, false, null, false);
                case ">=" -> new NumericRange(firstValue, true, null, false);
                case "<" -> new NumericRange(null, false, firstValue, false);
                case "<=" -> new NumericRange(null, false, firstValue, true);
                default -> throw fail(path, "unknown numeric operator \"" + first + "\"");
            };
        }
        String second = operatorName(arg.get(2), path);
        BigDecimal secondValue = number(arg.get(3), path);
        if (!(first.equals(">") || first.equals(">=")) || !(second.equals("<") || second.equals("<="))) {
            throw fail(path, "a numeric range is a lower bound (> or >=) then an upper bound (< or <=), not " + arg);
        }
        if (firstValue.compareTo(secondValue) >= 0) {
            throw fail(path, "a numeric range's lower bound must be below its upper bound, not " + arg);
        }
        return new NumericRange(firstValue, first.equals(">="), secondValue, second.equals("<="));
    }

    private static String operatorName(JsonNode node, String path) throws InvalidFilterException {
        if (!node.isTextual()) {
            throw fail(path, "expected a numeric operator (=, <, <=, >, >=), not " + node);
        }
        return node.textValue();
    }

    private static BigDecimal number(JsonNode node, String path) throws InvalidFilterException {
        if (!node.isNumber()) {
            throw fail(path, "numeric bounds are JSON numbers, not " + node);
        }
        return node.decimalValue();
    }

    private static String text(JsonNode node, String path, String operator) throws InvalidFilterException {
        if (!node.isTextual()) {
            throw fail(path, "\"" + operator + "\" takes a string, not " + node);
        }
        return node.textValue();
    }

    private static String nonEmpty(JsonNode node, String path, String operator) throws InvalidFilterException {
        String text = text(node, path, operator);
        if (text.isEmpty()) {
            throw fail(path, "\"" + operator + "\" cannot be empty");
        }
        return text;
    }

    private static InvalidFilterException fail(String path, String problem) {
        return new InvalidFilterException(PatternParser.where(path) + ": " + problem + ".");
    }
}
