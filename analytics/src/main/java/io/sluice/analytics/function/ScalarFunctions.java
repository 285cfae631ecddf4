package io.sluice.analytics.function;

import io.sluice.analytics.type.SqlType;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The registry the planner resolves every scalar call and operator through. Names are case-insensitive; operators
 * go by their SQL spelling ({@code + - * / MOD = <> < <= > >= AND OR NOT || LIKE}, {@code NOT LIKE},
 * {@code SIMILAR TO}, {@code NOT SIMILAR TO}, {@code IS NULL}, {@code IS NOT NULL}, {@code IS [NOT] TRUE|FALSE|
 * UNKNOWN}, {@code IS [NOT] DISTINCT FROM}, {@code [NOT] BETWEEN}, {@code [NOT] IN}); unary minus is {@code -} with
 * one argument (or {@code NEGATE}). CAST is not here: the planner compiles it with {@link Casts#conversion}.
 *
 * <p>Calling conventions (arguments in call order unless said):
 * <ul>
 *   <li>{@code argTypes}: a null entry is an untyped NULL literal. {@code constantArgs}: the value of each literal
 *       argument (null for the others, or a null list when none is); formats, regexes, units and column
 *       descriptions must be literals where the function's row type or compilation needs them.</li>
 *   <li>Keyword forms arrive as plain arguments: {@code EXTRACT(unit FROM x)} is {@code EXTRACT('unit', x)};
 *       {@code FLOOR|CEIL(x TO unit)} is {@code FLOOR|CEIL(x, 'unit')}; {@code STEP(x BY y)} is
 *       {@code STEP(x, y)}; {@code POSITION(a IN b)} is {@code POSITION(a, b)}; {@code OVERLAY(s PLACING r FROM
 *       n FOR m)} is {@code OVERLAY(s, r, n, m)}; {@code SUBSTRING(s FROM n FOR m)} is {@code SUBSTRING(s, n, m)}
 *       and {@code SUBSTRING(s FROM 'regex')} is {@code SUBSTRING(s, 'regex')}; {@code TRIM(BOTH 'x' FROM s)} is
 *       {@code TRIM('BOTH', 'x', s)}; {@code x LIKE p ESCAPE e} is {@code LIKE(x, p, e)}; {@code x BETWEEN a AND
 *       b} is {@code BETWEEN(x, a, b)}; {@code x IN (a, b)} is {@code IN(x, a, b)}.</li>
 *   <li>Context: {@code CURRENT_DATE}, {@code CURRENT_TIME}, {@code CURRENT_TIMESTAMP}, {@code LOCALTIME},
 *       {@code LOCALTIMESTAMP} and {@code SYS_LOG_PARSE} take one more, last argument appended by the planner: the
 *       run's start time as a TIMESTAMP literal, read once from {@code ProgramContext.wallClock()} when the run
 *       starts. {@code CURRENT_ROW_TIMESTAMP} takes one appended TIMESTAMP argument that the planner evaluates per
 *       row from the same wall clock.</li>
 *   <li>A function returning a ROW (the log parsers) has a non-null {@link ResolvedScalar#rowType()}; its value is
 *       an {@code Object[]} in that row type's columns.</li>
 * </ul>
 * See the family classes for each function's rules: {@link Arithmetic}, {@link Comparisons}, {@link Logic},
 * {@link Conditionals}, {@link Patterns}, {@link StringFunctions}, {@link NumericFunctions}, {@link DateTimeFunctions},
 * {@link LogParsers}.
 *
 * <p><b>Threading</b>: immutable after class initialisation; resolve from any thread.
 */
public final class ScalarFunctions {

    private static final Map<String, Resolver> RESOLVERS;

    static {
        Map<String, Resolver> m = new HashMap<>();
        Arithmetic.register(m);
        Comparisons.register(m);
        Logic.register(m);
        Conditionals.register(m);
        Patterns.register(m);
        StringFunctions.register(m);
        NumericFunctions.register(m);
        DateTimeFunctions.register(m);
        LogParsers.register(m);
        RESOLVERS = Map.copyOf(m);
    }

    private ScalarFunctions() {
    }

    /**
     * Resolves one call.
     *
     * @param name          the function or operator, any case
     * @param argTypes      the argument types (null: untyped NULL)
     * @param constantArgs  the literal value of each argument, null where it is not a literal (the list may be null)
     * @throws FunctionResolutionException naming the function and what does not fit: an unknown name, the arity,
     *                                     an argument's type, or a literal the function cannot compile
     */
    public static ResolvedScalar resolve(String name, List<SqlType> argTypes, List<Object> constantArgs)
            throws FunctionResolutionException {
        String key = name.toUpperCase(Locale.ROOT).trim().replaceAll("\\s+", " ");
        Resolver r = RESOLVERS.get(key);
        if (r == null) {
            if (AggregateFunctions.isAggregate(key)) {
                throw new FunctionResolutionException(key + " is an aggregate function and cannot be called here");
            }
            throw new FunctionResolutionException("No match found for function " + name
                    + " (it is not one of the functions this runtime supports)");
        }
        List<SqlType> types = Collections.unmodifiableList(new ArrayList<>(argTypes));
        List<Object> constants = constantArgs == null ? null : Collections.unmodifiableList(
                new ArrayList<>(constantArgs));
        return r.resolve(key, types, constants);
    }

    /** Whether {@code name} is a scalar function or operator here. */
    public static boolean isScalar(String name) {
        return RESOLVERS.containsKey(name.toUpperCase(Locale.ROOT).trim().replaceAll("\\s+", " "));
    }

    /** Every scalar name and operator this registry resolves, sorted. */
    public static SortedSet<String> supported() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(RESOLVERS.keySet()));
    }
}
