package io.sluice.protocol;

import io.sluice.common.ErrorType;
import io.sluice.common.ServiceException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ValidatorTest {

    @Test
    void reportsEveryViolationInAwsWording() {
        assertThatThrownBy(() -> new Validator().length("streamName", "x".repeat(129), 1, 128)
                .range("shardCount", 0, 1, 100).required("shardId", null).check())
                .isInstanceOfSatisfying(ServiceException.class, e -> {
                    assertThat(e.type()).isEqualTo(ErrorType.VALIDATION);
                    assertThat(e.getMessage()).startsWith("3 validation errors detected: ")
                            .contains("at 'streamName' failed to satisfy constraint: Member must have length less "
                                    + "than or equal to 128")
                            .contains("Value '0' at 'shardCount' failed to satisfy constraint: Member must have value "
                                    + "greater than or equal to 1")
                            .contains("Value null at 'shardId' failed to satisfy constraint: Member must not be null");
                });
    }

    @Test
    void passesValidInput() {
        new Validator().length("a", "abc", 1, 3).pattern("b", "abc", Validator.NAME).range("c", 5, 1, 10)
                .size("d", List.of(1), 1, 500).oneOf("e", "X", List.of("X", "Y")).check();
    }

    @Test
    void lengthCountsCharactersNotBytes() {
        new Validator().length("partitionKey", "☃".repeat(256), 1, 256).check();
    }
}
