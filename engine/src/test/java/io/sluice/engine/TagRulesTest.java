package io.sluice.engine;

import io.sluice.common.ErrorType;
import io.sluice.common.ServiceException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TagRulesTest {

    private static final StreamKey STREAM = new StreamKey("123456789012", "us-east-1", "orders");

    @ParameterizedTest
    @ValueSource(strings = {"a;b", "a\tb", "a\nb", "a,b", "a&b", "a\u0000b"})
    void aKeyOrValueWithACharacterOutsideAwsSetIsAnInvalidArgument(String bad) {
        for (Map<String, String> tags : List.of(Map.of(bad, "v"), Map.of("k", bad))) {
            assertThatThrownBy(() -> TagRules.add(STREAM, Map.of(), tags))
                    .isInstanceOfSatisfying(ServiceException.class, e -> {
                        assertThat(e.type()).isEqualTo(ErrorType.INVALID_ARGUMENT);
                        assertThat(e.getMessage()).isEqualTo("Some tags contain invalid characters. Valid "
                                + "characters: Unicode letters, digits, white space, _ . / = + - % @.");
                    });
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aPercentSignIsRefusedWithAwsSecondMessageAndEveryAllowedCharacterIsKept(boolean inKey) {
        String allowed = "Zürich 東京 ٣\u00A0_.:/=+-@";
        Map<String, String> kept = inKey ? Map.of(allowed, "") : Map.of("k", allowed);
        assertThat(TagRules.add(STREAM, Map.of(), kept)).isEqualTo(kept);
        Map<String, String> tags = inKey ? Map.of(allowed + "%", "v") : Map.of("k", allowed + "%");
        assertThatThrownBy(() -> TagRules.add(STREAM, Map.of(), tags))
                .isInstanceOfSatisfying(ServiceException.class, e -> {
                    assertThat(e.type()).isEqualTo(ErrorType.INVALID_ARGUMENT);
                    assertThat(e.getMessage()).isEqualTo("Failed to add tags to stream orders under account "
                            + "123456789012 because some tags contained illegal characters. The allowed characters "
                            + "are Unicode letters, white-spaces, '_',',','/','=','+','-','@'.");
                });
    }
}
