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

    @Test
    void anEmptyNameBreaksItsPatternAndItsMinimumLengthAndBothAreListedPatternFirst() {
        assertThatThrownBy(() -> new Validator().required("streamName", "").length("streamName", "", 1, 128)
                .pattern("streamName", "", Validator.NAME).check())
                .isInstanceOfSatisfying(ServiceException.class, e -> assertThat(e.getMessage()).isEqualTo(
                        "2 validation errors detected: "
                                + "Value '' at 'streamName' failed to satisfy constraint: "
                                + "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; "
                                + "Value '' at 'streamName' failed to satisfy constraint: "
                                + "Member must have length greater than or equal to 1"));
    }

    @Test
    void aTooLongNameWithABadCharacterBreaksBothConstraints() {
        String name = "a b" + "c".repeat(126);
        assertThatThrownBy(() -> new Validator().length("streamName", name, 1, 128)
                .pattern("streamName", name, Validator.NAME).check())
                .isInstanceOfSatisfying(ServiceException.class, e -> assertThat(e.getMessage()).isEqualTo(
                        "2 validation errors detected: "
                                + "Value '" + name + "' at 'streamName' failed to satisfy constraint: "
                                + "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; "
                                + "Value '" + name + "' at 'streamName' failed to satisfy constraint: "
                                + "Member must have length less than or equal to 128"));
    }

    @Test
    void membersKeepTheOrderTheyWereCheckedInAndAnEmptyHashKeyFailsItsPattern() {
        assertThatThrownBy(() -> new Validator().length("shardId", "", 1, 128).pattern("shardId", "", Validator.NAME)
                .range("limit", 0, 1, 10).pattern("explicitHashKey", "", Validator.HASH_KEY).check())
                .isInstanceOfSatisfying(ServiceException.class, e -> assertThat(e.getMessage()).isEqualTo(
                        "4 validation errors detected: "
                                + "Value '' at 'shardId' failed to satisfy constraint: "
                                + "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; "
                                + "Value '' at 'shardId' failed to satisfy constraint: "
                                + "Member must have length greater than or equal to 1; "
                                + "Value '0' at 'limit' failed to satisfy constraint: "
                                + "Member must have value greater than or equal to 1; "
                                + "Value '' at 'explicitHashKey' failed to satisfy constraint: "
                                + "Member must satisfy regular expression pattern: 0|([1-9]\\d{0,38})"));
    }
}
