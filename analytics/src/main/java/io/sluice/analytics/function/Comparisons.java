package io.sluice.analytics.function;

import io.sluice.analytics.type.SqlType;
import io.sluice.analytics.type.SqlTypeName;

import java.util.List;
import java.util.Map;

/**
 * {@code = <> < <= > >=}, {@code IS [NOT] DISTINCT FROM}, {@code [NOT] BETWEEN} (arguments value, low, high) and
 * {@code [NOT] IN} (arguments value, then the list), with SQL's NULL rules: a comparison with NULL is NULL; IN is
 * TRUE when an element equals the value, else NULL when the value or an element is NULL, else FALSE. Operands are
 * compared in their common type ({@link TypeRules#comparable}); a character operand against a number, datetime or
 * BOOLEAN is converted to that type first (a text that does not convert fails the row). CHAR operands compare
 * without their trailing spaces. Stateless and thread-safe.
 */
final class Comparisons {

    /** An order over two non-null values. */
    @FunctionalInterface
    interface Order {
        int compare(Object a, Object b);
    }

    private Comparisons() {
    }

    static void register(Map<String, Resolver> into) {
        for (String op : List.of("=", "<>", "!=", "<", "<=", ">", ">=")) {
            into.put(op, Comparisons::compare);
        }
        into.put("IS DISTINCT FROM", Comparisons::distinct);
        into.put("IS NOT DISTINCT FROM", Comparisons::distinct);
        into.put("BETWEEN", Comparisons::between);
        into.put("NOT BETWEEN", Comparisons::between);
        into.put("IN", Comparisons::in);
        into.put("NOT IN", Comparisons::in);
    }

    private static ResolvedScalar compare(String name, List<SqlType> types, List<Object> constants)
            throws FunctionResolutionException {
        Args.arity(name, types, 2, 2);
        Order order = order(name, types.get(0), types.get(1));
        ResolvedScalar.Impl impl = switch (name) {
            case "=" -> args -> order.compare(args[0], args[1]) == 0;
            case "<>", "!=" -> args -> order.compare(args[0], args[1]) != 0;
            case "<" -> args -> order.compare(args[0], args[1]) < 0;
            case "<=" -> args -> order.compare(args[0], args[1]) <= 0;
            case ">" -> args -> order.compare(args[0], args[1]) > 0;
            default -> args -> order.compare(args[0], args[1]) >= 0;
        };
        return ResolvedScalar.of(name, SqlType.BOOLEAN, Args.strict(impl));
    }

    private static ResolvedScalar distinct(String name, List<SqlType> types, List<Object> constants)
            throws FunctionResolutionException {
        Args.arity(name, types, 2, 2);
        Order order = order(name, types.get(0), types.get(1));
        boolean not = name.startsWith("IS NOT");
        return ResolvedScalar.of(name, SqlType.BOOLEAN, args -> {
            boolean same = args[0] == null || args[1] == null ? args[0] == args[1]
                    : order.compare(args[0], args[1]) == 0;
            return not == same;
        });
    }

    private static ResolvedScalar between(String name, List<SqlType> types, List<Object> constants)
            throws FunctionResolutionException {
        Args.arity(name, types, 3, 3);
        Order low = order(name, types.get(0), types.get(1));
        Order high = order(name, types.get(0), types.get(2));
        boolean not = name.startsWith("NOT");
        return ResolvedScalar.of(name, SqlType.BOOLEAN, args -> {
            Boolean above = args[0] == null || args[1] == null ? null : low.compare(args[0], args[1]) >= 0;
            Boolean below = args[0] == null || args[2] == null ? null : high.compare(args[0], args[2]) <= 0;
            Boolean r = Logic.and(above, below);
            return r == null ? null : not != r;
        });
    }

    private static ResolvedScalar in(String name, List<SqlType> types, List<Object> constants)
            throws FunctionResolutionException {
        Args.arity(name, types, 2, Integer.MAX_VALUE);
        int n = types.size() - 1;
        Order[] orders = new Order[n];
        for (int i = 0; i < n; i++) {
            orders[i] = order(name, types.get(0), types.get(i + 1));
        }
        boolean not = name.startsWith("NOT");
        return ResolvedScalar.of(name, SqlType.BOOLEAN, args -> {
            Object v = args[0];
            if (v == null) {
                return null;
            }
            boolean sawNull = false;
            for (int i = 0; i < n; i++) {
                Object e = args[i + 1];
                if (e == null) {
                    sawNull = true;
                } else if (orders[i].compare(v, e) == 0) {
                    return !not;
                }
            }
            return sawNull ? null : not;
        });
    }

    /**
     * The order of values of {@code a} against values of {@code b}.
     *
     * @throws FunctionResolutionException naming {@code what} when the types cannot be compared
     */
    static Order order(String what, SqlType a, SqlType b) throws FunctionResolutionException {
        if (!TypeRules.comparable(a, b)) {
            throw new FunctionResolutionException(what + " cannot compare " + a + " with " + b);
        }
        if (a == null || b == null) {
            // an untyped NULL operand: the order is never asked (NULL short-cuts every comparison)
            SqlType t = a == null ? b : a;
            return t == null ? (x, y) -> 0 : order(what, t, t);
        }
        SqlTypeName x = a.name();
        SqlTypeName y = b.name();
        if (x.isCharacter() && !y.isCharacter()) {
            Casts.Conversion c = Casts.conversion(a, b);
            Order o = order(what, b, b);
            return (p, q) -> o.compare(c.apply(p), q);
        }
        if (y.isCharacter() && !x.isCharacter()) {
            Casts.Conversion c = Casts.conversion(b, a);
            Order o = order(what, a, a);
            return (p, q) -> o.compare(p, c.apply(q));
        }
        if (x.isNumeric()) {
            if (x.isApproximateNumeric() || y.isApproximateNumeric()) {
                return (p, q) -> Double.compare(Values.asDouble(p), Values.asDouble(q));
            }
            if (x == SqlTypeName.DECIMAL || y == SqlTypeName.DECIMAL) {
                return (p, q) -> Values.asDecimal(p).compareTo(Values.asDecimal(q));
            }
            return (p, q) -> Long.compare(Values.asLong(p), Values.asLong(q));
        }
        if (x.isCharacter()) {
            if (x == SqlTypeName.CHAR || y == SqlTypeName.CHAR) {
                return (p, q) -> stripTrailing((String) p).compareTo(stripTrailing((String) q));
            }
            return (p, q) -> ((String) p).compareTo((String) q);
        }
        if (x == SqlTypeName.DATE && y == SqlTypeName.TIMESTAMP) {
            return (p, q) -> Long.compare((Integer) p * Datetimes.MILLIS_PER_DAY, (Long) q);
        }
        if (x == SqlTypeName.TIMESTAMP && y == SqlTypeName.DATE) {
            return (p, q) -> Long.compare((Long) p, (Integer) q * Datetimes.MILLIS_PER_DAY);
        }
        return switch (x) {
            case BOOLEAN -> (p, q) -> Boolean.compare((Boolean) p, (Boolean) q);
            case BINARY, VARBINARY -> (p, q) -> java.util.Arrays.compareUnsigned((byte[]) p, (byte[]) q);
            default -> (p, q) -> Long.compare(((Number) p).longValue(), ((Number) q).longValue());
        };
    }

    private static String stripTrailing(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == ' ') {
            end--;
        }
        return end == s.length() ? s : s.substring(0, end);
    }
}
