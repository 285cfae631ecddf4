package io.sluice.mappings.filter;

import java.util.ArrayList;
import java.util.List;

/**
 * Compiles a mapping's FilterCriteria into an {@link EventFilter}: Lambda's event filtering language, which is
 * EventBridge's content filtering as Lambda offers it. A record passes when any pattern matches; no patterns pass
 * every record ({@link EventFilter#ALL}).
 *
 * <h2>What a pattern matches</h2>
 * A pattern is a JSON object matched against the record as {@link KinesisFilterView} builds it. Every field named
 * must match (fields not named are ignored); a nested object descends into the record's object; a field's list of
 * values matches if any entry matches any value the record holds there. When the record holds an array, its
 * elements are the values (nested arrays flattened), and a nested pattern matches if it matches within one element.
 * <ul>
 *   <li>Exact values: strings case-sensitively ({@code [""]} is the empty string), {@code true}/{@code false},
 *       {@code null} (a JSON null, never a missing field), numbers by value ({@code [1]} matches {@code 1.0}).
 *       A string never matches a number or the reverse.</li>
 *   <li>{@code {"prefix": s}}, {@code {"suffix": s}}, each also as {@code {"prefix": {"equals-ignore-case": s}}};
 *       {@code {"equals-ignore-case": s}}: strings only.</li>
 *   <li>{@code {"anything-but": ...}} with a string, a number, a list of strings or of numbers, or
 *       {@code {"prefix": s}}, {@code {"suffix": s}}, {@code {"equals-ignore-case": s or [s...]}}: a value that is
 *       present and not one of those (a missing field does not match).</li>
 *   <li>{@code {"numeric": ["=", n]}}, one bound ({@code ">"}, {@code ">="}, {@code "<"}, {@code "<="}) or a lower
 *       then an upper bound: JSON numbers only, compared exactly.</li>
 *   <li>{@code {"exists": true|false}}: whether the field has a value (null counts; an object or empty array
 *       does not, as exists looks at leaves).</li>
 *   <li>{@code {"cidr": "10.0.0.0/24"}} (IPv4 or IPv6): strings holding an address inside the block.</li>
 *   <li>{@code "$or": [{...}, {...}]}: at least two pattern objects, one of which must match at that level.</li>
 * </ul>
 * {@code wildcard} is refused: Lambda's filters do not offer it. For Kinesis, a pattern on {@code data} must be an
 * object (data is filtered as JSON), and matches only records whose data is valid JSON.
 *
 * <p>Limits: a pattern holds at most {@value PatternParser#MAX_PATTERN_CHARS} characters (checked here); a mapping
 * holds at most 5 patterns (the catalogue's check, as Lambda's quota). Stateless and thread-safe; the filters it
 * returns are immutable and thread-safe.
 */
public final class FilterPatterns {

    /** Lambda's default quota of filters per event source mapping; the catalogue enforces it. */
    public static final int MAX_PATTERNS = 5;

    private FilterPatterns() {
    }

    /**
     * @param patterns FilterCriteria.Filters[].Pattern, as the JSON texts given
     * @throws InvalidFilterException a pattern Lambda would refuse; the message says which (by position, from 1)
     *                                and why
     */
    public static EventFilter compile(List<String> patterns) throws InvalidFilterException {
        if (patterns.isEmpty()) {
            return EventFilter.ALL;
        }
        List<ObjectPattern> compiled = new ArrayList<>(patterns.size());
        for (int i = 0; i < patterns.size(); i++) {
            try {
                compiled.add(PatternParser.parse(patterns.get(i)));
            } catch (InvalidFilterException e) {
                String which = patterns.size() > 1 ? "Filter " + (i + 1) + ": " : "";
                throw new InvalidFilterException(which + e.detail());
            }
        }
        List<ObjectPattern> all = List.copyOf(compiled);
        return record -> {
            for (ObjectPattern pattern : all) {
                if (pattern.matches(record)) {
                    return true;
                }
            }
            return false;
        };
    }
}
