package io.sluice.analytics.function;

import io.sluice.analytics.type.SqlType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Test helper: resolves a call with every argument a literal, or with none, and evaluates it. */
final class Calls {

    private Calls() {
    }

    static ResolvedScalar resolve(String name, List<SqlType> types, Object... constants) {
        try {
            return ScalarFunctions.resolve(name, types, constants.length == 0 ? null : Arrays.asList(constants));
        } catch (FunctionResolutionException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    /** Resolves with all arguments literal (so patterns compile once) and applies it to the same values. */
    static Object eval(String name, List<SqlType> types, Object... args) {
        return resolve(name, types, args).impl().apply(args.clone());
    }

    /** Resolves with no literal arguments (the per-row path) and applies it. */
    static Object evalDynamic(String name, List<SqlType> types, Object... args) {
        try {
            return ScalarFunctions.resolve(name, types, null).impl().apply(args.clone());
        } catch (FunctionResolutionException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    static List<SqlType> types(Object... typesOrSpellings) {
        List<SqlType> out = new ArrayList<>();
        for (Object t : typesOrSpellings) {
            out.add(t == null ? null : t instanceof SqlType s ? s : SqlType.parse((String) t));
        }
        return out;
    }
}
