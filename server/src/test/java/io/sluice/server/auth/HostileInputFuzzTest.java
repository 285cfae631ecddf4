package io.sluice.server.auth;

import io.sluice.common.ErrorType;
import io.sluice.common.ServiceException;
import io.sluice.protocol.WireFormat;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile policy documents and audit payloads. Policies arrive from any caller through PutResourcePolicy, so
 * parsing one may only fail with InvalidArgumentException, and a policy that parses may only make the authorizer
 * permit or answer AccessDeniedException. Audit payloads are request bodies that already failed or passed
 * elsewhere; turning one into a record must never fail. jqwik's default 1000 tries per property; for a long
 * campaign add {@code -Djqwik.tries.default=200000}.
 */
class HostileInputFuzzTest {

    private static final String STREAM = "arn:aws:kinesis:us-east-1:111122223333:stream/orders";
    private static final List<String> TOKENS = List.of("{", "}", "[", "]", ",", ":", "\"", "\"Version\"",
            "\"2012-10-17\"", "\"Statement\"", "\"Effect\"", "\"Allow\"", "\"Deny\"", "\"Action\"", "\"NotAction\"",
            "\"Resource\"", "\"NotResource\"", "\"Principal\"", "\"NotPrincipal\"", "\"Condition\"", "\"AWS\"",
            "\"Service\"", "\"*\"", "\"kinesis:*\"", "\"kinesis:Get?ecords\"", "\"arn:aws:kinesis:*:*:stream/*\"",
            "\"111122223333\"", "\"arn:aws:iam::111122223333:root\"", "\"arn:aws:iam::444455556666:user/x\"",
            "\"" + "*a".repeat(200) + "\"", "null", "1", "true", "1e999", "\"\\u0000\"", "\"Sid\"", "\"Id\"");
    private static final String VALID = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"a\",\"Effect\":"
            + "\"Allow\",\"Principal\":{\"AWS\":[\"111122223333\",\"arn:aws:iam::444455556666:user/x\"]},"
            + "\"Action\":[\"kinesis:Get*\",\"kinesis:PutRecord\"],\"Resource\":\"arn:aws:kinesis:*:*:stream/*\"},"
            + "{\"Effect\":\"Deny\",\"NotPrincipal\":\"*\",\"NotAction\":\"kinesis:Delete*\",\"NotResource\":\"*\"}]}";

    @Property
    void anyPolicyDocumentParsesOrIsAnInvalidArgument(@ForAll("documents") String document) {
        Policy policy;
        try {
            policy = Policy.parse(document);
        } catch (ServiceException e) {
            assertThat(e.type()).isEqualTo(ErrorType.INVALID_ARGUMENT);
            return;
        }
        Authorizer authorizer = new Authorizer(arn -> Optional.of(document));
        for (Identity caller : List.of(
                new Identity("arn:aws:iam::111122223333:user/alice", "111122223333", List.of(policy)),
                new Identity("arn:aws:iam::444455556666:user/x", "444455556666", List.of()))) {
            try {
                authorizer.authorize(caller, "kinesis:GetRecords", STREAM);
            } catch (ServiceException e) {
                assertThat(e.type()).isEqualTo(ErrorType.ACCESS_DENIED);
            }
        }
    }

    @Property
    void anyBodyBecomesAnAuditPayload(@ForAll("bodies") byte[] body) {
        assertThat(AuditPayload.of(WireFormat.JSON, body).tree()).isNotNull();
        assertThat(AuditPayload.of(WireFormat.CBOR, body).tree()).isNotNull();
    }

    @Provide
    Arbitrary<String> documents() {
        Arbitrary<String> composed = Arbitraries.of(TOKENS).list().ofMaxSize(40).map(t -> String.join("", t));
        Arbitrary<String> mutated = Combinators.combine(Arbitraries.integers().between(0, VALID.length()),
                Arbitraries.integers().between(0, 20), Arbitraries.of(TOKENS))
                .as((at, cut, token) -> VALID.substring(0, at) + token
                        + VALID.substring(Math.min(VALID.length(), at + cut)));
        return Arbitraries.oneOf(composed, mutated, Arbitraries.strings().ofMaxLength(80));
    }

    @Provide
    Arbitrary<byte[]> bodies() {
        Arbitrary<byte[]> text = documents().map(s -> s.getBytes(StandardCharsets.UTF_8));
        return Arbitraries.oneOf(text, Arbitraries.bytes().array(byte[].class).ofMaxSize(200));
    }
}
