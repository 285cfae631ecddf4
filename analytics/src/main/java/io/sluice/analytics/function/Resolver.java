package io.sluice.analytics.function;

import io.sluice.analytics.type.SqlType;

import java.util.List;

/**
 * Resolves one scalar name for its argument types (null: untyped NULL) and literal arguments (null: not literal).
 * Implementations are stateless and thread-safe.
 */
@FunctionalInterface
interface Resolver {

    ResolvedScalar resolve(String name, List<SqlType> types, List<Object> constants)
            throws FunctionResolutionException;
}
