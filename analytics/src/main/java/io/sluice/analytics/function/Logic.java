package io.sluice.analytics.function;

import io.sluice.analytics.type.SqlType;
import io.sluice.analytics.type.SqlTypeName;

import java.util.List;
import java.util.Map;

/**
 * AND, OR, NOT with SQL's three-valued logic (NULL is UNKNOWN: FALSE AND NULL is FALSE, TRUE OR NULL is TRUE, NOT
 * NULL is NULL), and the tests IS [NOT] NULL, IS [NOT] TRUE, IS [NOT] FALSE, IS [NOT] UNKNOWN, which are never
 * NULL. AND and OR take two or more evaluated arguments (short-circuiting is the planner's choice: the result does
 * not depend on it). Stateless and thread-safe.
 */
final class Logic {

    private Logic() {
    }

    static void register(Map<String, Resolver> into) {
        into.put("AND", Logic::andOr);
        into.put("OR", Logic::andOr);
        into.put("NOT", Logic::not);
        for (String test : List.of("IS NULL", "IS NOT NULL", "IS TRUE", "IS NOT TRUE", "IS FALSE", "IS NOT FALSE",
                "IS UNKNOWN", "IS NOT UNKNOWN")) {
            into.put(test, Logic::test);
        }
    }

    static Boolean and(Boolean a, Boolean b) {
        if (Boolean.FALSE.equals(a) || Boolean.FALSE.equals(b)) {
            return false;
        }
        return a == null || b == null ? null : Boolean.TRUE;
    }

    static Boolean or(Boolean a, Boolean b) {
        if (Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b)) {
            return true;
        }
        return a == null || b == null ? null : Boolean.FALSE;
    }

    private static ResolvedScalar andOr(String name, List<SqlType> types, List<Object> constants)
            throws FunctionResolutionException {
        Args.arity(name, types, 2, Integer.MAX_VALUE);
        for (int i = 0; i < types.size(); i++) {
            Args.require(name, types, i, "a BOOLEAN", t -> t == SqlTypeName.BOOLEAN);
        }
        boolean and = name.equals("AND");
        return ResolvedScalar.of(name, SqlType.BOOLEAN, args -> {
            Boolean r = (Boolean) args[0];
            for (int i = 1; i < args.length; i++) {
                r = and ? and(r, (Boolean) args[i]) : or(r, (Boolean) args[i]);
            }
            return r;
        });
    }

    private static ResolvedScalar not(String name, List<SqlType> types, List<Object> constants)
            throws FunctionResolutionException {
        Args.arity(name, types, 1, 1);
        Args.require(name, types, 0, "a BOOLEAN", t -> t == SqlTypeName.BOOLEAN);
        return ResolvedScalar.of(name, SqlType.BOOLEAN, args -> args[0] == null ? null : !(Boolean) args[0]);
    }

    private static ResolvedScalar test(String name, List<SqlType> types, List<Object> constants)
            throws FunctionResolutionException {
        Args.arity(name, types, 1, 1);
        if (!name.endsWith("NULL")) {
            Args.require(name, types, 0, "a BOOLEAN", t -> t == SqlTypeName.BOOLEAN);
        }
        ResolvedScalar.Impl impl = switch (name) {
            case "IS NULL", "IS UNKNOWN" -> args -> args[0] == null;
            case "IS NOT NULL", "IS NOT UNKNOWN" -> args -> args[0] != null;
            case "IS TRUE" -> args -> Boolean.TRUE.equals(args[0]);
            case "IS NOT TRUE" -> args -> !Boolean.TRUE.equals(args[0]);
            case "IS FALSE" -> args -> Boolean.FALSE.equals(args[0]);
            default -> args -> !Boolean.FALSE.equals(args[0]);
        };
        return ResolvedScalar.of(name, SqlType.BOOLEAN, impl);
    }
}
