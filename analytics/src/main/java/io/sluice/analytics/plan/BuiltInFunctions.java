package io.sluice.analytics.plan;

import io.sluice.analytics.function.AggregateFunction;
import io.sluice.analytics.function.AggregateFunctions;
import io.sluice.analytics.function.Casts;
import io.sluice.analytics.function.FunctionResolutionException;
import io.sluice.analytics.function.ResolvedScalar;
import io.sluice.analytics.function.ScalarFunctions;
import io.sluice.analytics.function.TypeRules;
import io.sluice.analytics.runtime.Expr;
import io.sluice.analytics.type.SqlType;

import java.util.List;

/**
 * The {@link FunctionLibrary} of KDA's function catalogue ({@link ScalarFunctions}, {@link AggregateFunctions},
 * {@link Casts}, {@link TypeRules}). Calls are bound into expressions specialised by arity, so evaluating one
 * allocates only its argument array.
 *
 * <p><b>Threading</b>: stateless and thread-safe.
 */
public final class BuiltInFunctions implements FunctionLibrary {

    @Override
    public BoundScalar scalar(String name, List<SqlType> argTypes, List<Object> constantArgs)
            throws LookupException {
        ResolvedScalar resolved;
        try {
            resolved = ScalarFunctions.resolve(name, argTypes, constantArgs);
        } catch (FunctionResolutionException e) {
            throw new LookupException(e.getMessage());
        }
        ResolvedScalar.Impl impl = resolved.impl();
        return new BoundScalar(resolved.returnType(), resolved.rowType(), args -> bind(impl, args));
    }

    private static Expr bind(ResolvedScalar.Impl impl, Expr[] args) {
        switch (args.length) {
            case 0:
                return (rowtime, row) -> impl.apply(new Object[0]);
            case 1: {
                Expr a = args[0];
                return (rowtime, row) -> impl.apply(new Object[] {a.eval(rowtime, row)});
            }
            case 2: {
                Expr a = args[0];
                Expr b = args[1];
                return (rowtime, row) -> impl.apply(new Object[] {a.eval(rowtime, row), b.eval(rowtime, row)});
            }
            default: {
                Expr[] all = args.clone();
                return (rowtime, row) -> {
                    Object[] values = new Object[all.length];
                    for (int i = 0; i < all.length; i++) {
                        values[i] = all[i].eval(rowtime, row);
                    }
                    return impl.apply(values);
                };
            }
        }
    }

    @Override
    public boolean knows(String name) {
        return ScalarFunctions.isScalar(name) || AggregateFunctions.isAggregate(name);
    }

    @Override
    public boolean isAggregate(String name) {
        return AggregateFunctions.isAggregate(name);
    }

    @Override
    public AggregateFunction aggregate(String name, List<SqlType> argTypes, List<Object> constantArgs,
                                       boolean distinct) throws LookupException {
        try {
            return AggregateFunctions.resolve(name, argTypes, constantArgs, distinct);
        } catch (FunctionResolutionException e) {
            throw new LookupException(e.getMessage());
        }
    }

    @Override
    public Conversion cast(SqlType from, SqlType to) throws LookupException {
        try {
            return Casts.conversion(from, to)::apply;
        } catch (FunctionResolutionException e) {
            throw new LookupException(e.getMessage());
        }
    }

    @Override
    public Conversion assign(SqlType from, SqlType to) throws LookupException {
        try {
            return Casts.implicit(from, to)::apply;
        } catch (FunctionResolutionException e) {
            throw new LookupException(e.getMessage());
        }
    }

    @Override
    public SqlType commonType(List<SqlType> types) throws LookupException {
        try {
            return TypeRules.leastRestrictive("CASE", types);
        } catch (FunctionResolutionException e) {
            throw new LookupException(e.getMessage());
        }
    }
}
