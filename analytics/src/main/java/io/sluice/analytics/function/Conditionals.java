package io.sluice.analytics.function;

import io.sluice.analytics.type.SqlType;

import java.util.List;
import java.util.Map;

/**
 * {@code COALESCE(a, b, ...)} (the first non-NULL argument, converted to the arguments' least-restrictive type) and
 * {@code NULLIF(a, b)} (NULL when a equals b, else a), standard SQL shorthands for CASE that KDA programs use (the
 * planner may equally expand them to CASE); and {@code MONOTONIC(x)}, KDA's identity that marks x as never
 * decreasing. Stateless and thread-safe.
 */
final class Conditionals {

    private Conditionals() {
    }

    static void register(Map<String, Resolver> into) {
        into.put("COALESCE", Conditionals::coalesce);
        into.put("NULLIF", Conditionals::nullif);
        into.put("MONOTONIC", Conditionals::monotonic);
    }

    /** {@code MONOTONIC(x)}: x itself; it tells the planner that x never decreases (a GROUP BY may use it). */
    private static ResolvedScalar monotonic(String name, List<SqlType> types, List<Object> constants)
            throws FunctionResolutionException {
        Args.arity(name, types, 1, 1);
        if (types.get(0) == null) {
            throw new FunctionResolutionException(name + " cannot take an untyped NULL");
        }
        return ResolvedScalar.of(name, types.get(0), args -> args[0]);
    }

    private static ResolvedScalar coalesce(String name, List<SqlType> types, List<Object> constants)
            throws FunctionResolutionException {
        Args.arity(name, types, 1, Integer.MAX_VALUE);
        SqlType result = TypeRules.leastRestrictive(name, types);
        Casts.Conversion[] conversions = new Casts.Conversion[types.size()];
        for (int i = 0; i < conversions.length; i++) {
            SqlType t = types.get(i);
            conversions[i] = t == null || t.equals(result) ? v -> v : Casts.conversion(t, result);
        }
        return ResolvedScalar.of(name, result, args -> {
            for (int i = 0; i < args.length; i++) {
                if (args[i] != null) {
                    return conversions[i].apply(args[i]);
                }
            }
            return null;
        });
    }

    private static ResolvedScalar nullif(String name, List<SqlType> types, List<Object> constants)
            throws FunctionResolutionException {
        Args.arity(name, types, 2, 2);
        Comparisons.Order order = Comparisons.order(name, types.get(0), types.get(1));
        SqlType result = types.get(0) == null ? types.get(1) : types.get(0);
        if (result == null) {
            throw new FunctionResolutionException(name + " cannot take two untyped NULLs");
        }
        return ResolvedScalar.of(name, result, args -> args[0] != null && args[1] != null
                && order.compare(args[0], args[1]) == 0 ? null : args[0]);
    }
}
