package io.sluice.analytics.function;

import io.sluice.analytics.runtime.EvaluationException;

import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The regex of one argument position: compiled at resolution when the argument is a literal (a bad literal is a
 * resolution error), else compiled when a row brings a new text. Threading: thread-safe, as {@link CompiledPatterns} is.
 */
final class PatternSource {

    private final Pattern constant;
    private final CompiledPatterns cache;

    private PatternSource(Pattern constant, CompiledPatterns cache) {
        this.constant = constant;
        this.cache = cache;
    }

    static PatternSource of(String function, List<Object> constants, int i, Function<String, Pattern> compiler)
            throws FunctionResolutionException {
        if (Args.constant(constants, i) instanceof String text) {
            try {
                return new PatternSource(compiler.apply(text), null);
            } catch (EvaluationException e) {
                throw new FunctionResolutionException(function + ": " + e.getMessage());
            }
        }
        return new PatternSource(null, new CompiledPatterns(compiler));
    }

    Pattern get(String text) {
        return constant != null ? constant : cache.get(text);
    }
}
