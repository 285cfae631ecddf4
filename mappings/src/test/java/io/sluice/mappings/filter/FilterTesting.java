package io.sluice.mappings.filter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.List;

/** Compiles a pattern and parses events for the filter tests. */
final class FilterTesting {

    private static final ObjectMapper JSON = new ObjectMapper();

    private FilterTesting() {
    }

    static boolean matches(String pattern, String event) {
        try {
            return FilterPatterns.compile(List.of(pattern)).matches(JSON.readTree(event));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
