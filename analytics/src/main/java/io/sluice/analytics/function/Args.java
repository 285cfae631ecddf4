package io.sluice.analytics.function;

import io.sluice.analytics.type.SqlType;
import io.sluice.analytics.type.SqlTypeName;

import java.util.List;
import java.util.function.Predicate;

/** Checks of a call's arguments at resolution, and the strict (NULL in, NULL out) wrapper. Stateless and thread-safe. */
final class Args {

    private Args() {
    }

    static void arity(String name, List<SqlType> types, int min, int max) throws FunctionResolutionException {
        int n = types.size();
        if (n < min || n > max) {
            String expected = min == max ? String.valueOf(min) : max == Integer.MAX_VALUE
                    ? "at least " + min : min + " to " + max;
            throw new FunctionResolutionException(
                    name + " takes " + expected + " argument" + (max == 1 ? "" : "s") + ", not " + n);
        }
    }

    static void require(String name, List<SqlType> types, int i, String what, Predicate<SqlTypeName> ok)
            throws FunctionResolutionException {
        SqlType t = types.get(i);
        if (t != null && !ok.test(t.name())) {
            throw new FunctionResolutionException(
                    name + " needs " + what + " as argument " + (i + 1) + ", not " + t);
        }
    }

    static void character(String name, List<SqlType> types, int i) throws FunctionResolutionException {
        require(name, types, i, "a character string", SqlTypeName::isCharacter);
    }

    static void numeric(String name, List<SqlType> types, int i) throws FunctionResolutionException {
        require(name, types, i, "a number", SqlTypeName::isNumeric);
    }

    static void exactInteger(String name, List<SqlType> types, int i) throws FunctionResolutionException {
        require(name, types, i, "an integer",
                t -> t == SqlTypeName.TINYINT || t == SqlTypeName.SMALLINT || t == SqlTypeName.INTEGER
                        || t == SqlTypeName.BIGINT);
    }

    static boolean is(List<SqlType> types, int i, SqlTypeName name) {
        return types.get(i) != null && types.get(i).name() == name;
    }

    /** The literal string at {@code i}, or a resolution error saying the argument must be one. */
    static String constantString(String name, List<SqlType> types, List<Object> constants, int i, String what)
            throws FunctionResolutionException {
        Object c = constant(constants, i);
        if (!(c instanceof String s)) {
            throw new FunctionResolutionException(name + " needs " + what + " as a character literal");
        }
        return s;
    }

    static Object constant(List<Object> constants, int i) {
        return constants == null || i >= constants.size() ? null : constants.get(i);
    }

    /** NULL in any argument gives NULL without calling {@code impl}. */
    static ResolvedScalar.Impl strict(ResolvedScalar.Impl impl) {
        return args -> {
            for (Object a : args) {
                if (a == null) {
                    return null;
                }
            }
            return impl.apply(args);
        };
    }
}
