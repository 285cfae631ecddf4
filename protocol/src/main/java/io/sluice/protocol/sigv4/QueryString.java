package io.sluice.protocol.sigv4;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/** A request's query parameters, decoded once, in the order they arrived. Immutable. */
final class QueryString {

    /** A parameter: its decoded name and value, and both in SigV4's canonical encoding. */
    private record Parameter(String name, String value, String canonicalName, String canonicalValue) {
    }

    private final List<Parameter> parameters;

    private QueryString(List<Parameter> parameters) {
        this.parameters = parameters;
    }

    static QueryString parse(String rawQuery) {
        List<Parameter> parameters = new ArrayList<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            byte[] name = UriEncoding.decode(eq < 0 ? pair : pair.substring(0, eq));
            byte[] value = UriEncoding.decode(eq < 0 ? "" : pair.substring(eq + 1));
            parameters.add(new Parameter(new String(name, StandardCharsets.UTF_8),
                    new String(value, StandardCharsets.UTF_8),
                    UriEncoding.encode(name, false), UriEncoding.encode(value, false)));
        }
        return new QueryString(List.copyOf(parameters));
    }

    /** The decoded value of the first parameter with this name; null if there is none. */
    String get(String name) {
        for (Parameter parameter : parameters) {
            if (parameter.name().equals(name)) {
                return parameter.value();
            }
        }
        return null;
    }

    /**
     * The canonical query string: parameters sorted by encoded name, then encoded value, as
     * {@code name=value} joined by {@code &}; the parameter named {@code excluded} (the presigned signature
     * itself) is left out.
     */
    String canonical(String excluded) {
        return parameters.stream()
                .filter(p -> !p.name().equals(excluded))
                .sorted(Comparator.comparing(Parameter::canonicalName).thenComparing(Parameter::canonicalValue))
                .map(p -> p.canonicalName() + "=" + p.canonicalValue())
                .collect(Collectors.joining("&"));
    }
}
