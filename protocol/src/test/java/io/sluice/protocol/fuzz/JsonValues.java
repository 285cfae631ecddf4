package io.sluice.protocol.fuzz;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

import java.math.BigInteger;
import java.util.List;
import java.util.stream.Collectors;

/** Well-formed JSON values of every type, biased towards the ones that break readers: extreme numbers above all. */
final class JsonValues {

    static final List<String> EXTREME_NUMBERS = List.of("0", "-0", "2147483647", "2147483648", "-2147483649",
            "9223372036854775807", "9223372036854775808", "-9223372036854775809",
            "340282366920938463463374607431768211456", "1e308", "1.8e308", "-1.8e308", "1e999999", "-1e999999",
            "1e-999999", "4.9e-324", "2.5e-324", "0.5", "-0.5", "1E+2", "1.0", "9223372036854775.807",
            "9223372036854776", "-9223372036854776", "99999999999999999999.999", "1" + "0".repeat(900),
            "0." + "0".repeat(900) + "1", "1e2147483647", "1e-2147483648", "1e2147483648");

    private JsonValues() {
    }

    static Arbitrary<String> any() {
        return Arbitraries.recursive(JsonValues::scalar,
                inner -> Arbitraries.oneOf(
                        inner.list().ofMaxSize(3).map(items -> "[" + String.join(",", items) + "]"),
                        Arbitraries.maps(Arbitraries.of(KinesisBodies.MEMBERS), inner).ofMaxSize(3)
                                .map(map -> map.entrySet().stream()
                                        .map(e -> quote(e.getKey()) + ":" + e.getValue())
                                        .collect(Collectors.joining(",", "{", "}")))),
                0, 2);
    }

    private static Arbitrary<String> scalar() {
        return Arbitraries.oneOf(
                Arbitraries.of(EXTREME_NUMBERS),
                Arbitraries.longs().map(String::valueOf),
                Arbitraries.doubles().map(String::valueOf).filter(d -> !d.contains("N") && !d.contains("I")),
                Arbitraries.bigIntegers().between(BigInteger.TWO.pow(200).negate(),
                        BigInteger.TWO.pow(200)).map(Object::toString),
                Arbitraries.strings().ofMaxLength(40).map(JsonValues::quote),
                Arbitraries.of("\"aGVsbG8=\"", "\"***\"", "\"\"", "\"aGVsbG8\"", "\"====\"", "\"a b\""),
                Arbitraries.of("true", "false", "null"));
    }

    static String quote(String text) {
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + "\"";
    }
}
