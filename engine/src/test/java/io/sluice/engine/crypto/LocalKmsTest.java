package io.sluice.engine.crypto;

import io.sluice.common.ErrorType;
import io.sluice.common.ServiceException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowable;

class LocalKmsTest {

    private static final String OPERATOR_KEY_ID = "1234abcd-12ab-34cd-56ef-1234567890ab";

    @TempDir
    Path dataDir;

    private LocalKms kms() throws IOException {
        return LocalKms.open(dataDir, null, List.of(
                "arn:aws:kms:eu-west-1:111122223333:key/" + OPERATOR_KEY_ID.toUpperCase(),
                "arn:aws:kms:eu-west-1:111122223333:alias/payments"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "alias/aws/kinesis",
            "arn:aws:kms:us-east-1:123456789012:alias/aws/kinesis",
            "arn:aws-cn:kms:cn-north-1:210987654321:alias/aws/kinesis"})
    void everyFormOfTheAwsManagedKeyResolvesToItsAlias(String reference) throws IOException {
        assertThat(kms().resolve(reference)).isEqualTo("alias/aws/kinesis");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            OPERATOR_KEY_ID,
            "1234ABCD-12AB-34CD-56EF-1234567890AB",
            "arn:aws:kms:eu-west-1:111122223333:key/" + OPERATOR_KEY_ID,
            "arn:aws:kms:us-west-2:999999999999:key/" + OPERATOR_KEY_ID})
    void everyFormOfAnOperatorKeyIdResolvesToTheBareLowerCaseId(String reference) throws IOException {
        assertThat(kms().resolve(reference)).isEqualTo(OPERATOR_KEY_ID);
    }

    @ParameterizedTest
    @ValueSource(strings = {"alias/payments", "arn:aws:kms:eu-west-1:111122223333:alias/payments"})
    void everyFormOfAnOperatorAliasResolvesToTheAlias(String reference) throws IOException {
        assertThat(kms().resolve(reference)).isEqualTo("alias/payments");
    }

    @Test
    void unknownKeyIsKmsNotFoundNamingTheKey() throws IOException {
        String arn = "arn:aws:kms:us-east-1:123456789012:key/00000000-0000-0000-0000-000000000000";
        assertThat(notFound(kms(), arn)).hasMessage("Key '" + arn + "' does not exist");
    }

    @Test
    void unknownAliasIsKmsNotFoundNamingTheAlias() throws IOException {
        assertThat(notFound(kms(), "alias/Payments")).hasMessage("Alias 'alias/Payments' is not found.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "payments", "alias/", "key/" + OPERATOR_KEY_ID, "1234abcd-12ab-34cd-56ef",
            "arn:aws:kms:us-east-1:123:alias/aws/kinesis", "arn:aws:s3:us-east-1:123456789012:alias/aws/kinesis",
            "alias/aws/kinesis "})
    void referenceInNoAcceptedFormIsKmsNotFound(String reference) throws IOException {
        assertThat(notFound(kms(), reference)).hasMessageContaining("'" + reference + "'");
    }

    @Test
    void operatorKeyInNoAcceptedFormIsRefusedBeforeAnythingIsCreated() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> LocalKms.open(dataDir, null, List.of("payments")))
                .withMessageContaining("'payments'");
        assertThat(dataDir.resolve("keystore")).doesNotExist();
    }

    @Test
    void dataKeyUnwrapsToTheSamePlaintextThroughAnyFormOfItsKeyId() throws IOException {
        LocalKms kms = kms();
        DataKey generated = kms.generateDataKey("arn:aws:kms:us-east-1:123456789012:alias/payments");

        DataKey unwrapped = kms.unwrap("alias/payments", generated.wrapped());

        assertThat(generated.keyId()).isEqualTo("alias/payments");
        assertThat(unwrapped.keyId()).isEqualTo("alias/payments");
        assertThat(unwrapped.plaintext()).hasSize(32).isEqualTo(generated.plaintext());
    }

    @Test
    void everyDataKeyIsFresh() throws IOException {
        LocalKms kms = kms();
        assertThat(kms.generateDataKey("alias/aws/kinesis").plaintext())
                .isNotEqualTo(kms.generateDataKey("alias/aws/kinesis").plaintext());
    }

    @Test
    void wrappedKeyDoesNotContainItsPlaintext() throws IOException {
        DataKey key = kms().generateDataKey("alias/aws/kinesis");
        assertThat(Bytes.contains(key.wrapped(), key.plaintext())).isFalse();
        assertThat(Bytes.contains(key.wrapped(), Arrays.copyOf(key.plaintext(), 8))).isFalse();
    }

    @Test
    void dataKeyDescriptionDoesNotRevealKeyMaterial() throws IOException {
        assertThat(kms().generateDataKey("alias/aws/kinesis"))
                .hasToString("DataKey[keyId=alias/aws/kinesis, wrapped=61 bytes]");
    }

    @Test
    void dataKeyOfAnotherKeyIdIsInvalidState() throws IOException {
        LocalKms kms = kms();
        DataKey key = kms.generateDataKey("alias/aws/kinesis");
        assertThat(invalidState(() -> kms.unwrap(OPERATOR_KEY_ID, key.wrapped())))
                .hasMessageContaining("'" + OPERATOR_KEY_ID + "'");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 12, 13, 44, 60})
    void wrappedKeyWithAFlippedBitIsInvalidState(int index) throws IOException {
        LocalKms kms = kms();
        byte[] wrapped = kms.generateDataKey("alias/aws/kinesis").wrapped().clone();
        wrapped[index] ^= 0x10;
        invalidState(() -> kms.unwrap("alias/aws/kinesis", wrapped));
    }

    @Test
    void truncatedWrappedKeyIsInvalidState() throws IOException {
        LocalKms kms = kms();
        byte[] wrapped = kms.generateDataKey("alias/aws/kinesis").wrapped();
        invalidState(() -> kms.unwrap("alias/aws/kinesis", Arrays.copyOf(wrapped, 20)));
        invalidState(() -> kms.unwrap("alias/aws/kinesis", new byte[0]));
    }

    @Test
    void dataKeyOfAnotherKeystoreIsInvalidState(@TempDir Path otherDataDir) throws IOException {
        DataKey foreign = LocalKms.open(otherDataDir, null, List.of()).generateDataKey("alias/aws/kinesis");
        invalidState(() -> kms().unwrap("alias/aws/kinesis", foreign.wrapped()));
    }

    @Test
    void dataKeyOfAKeyNoLongerDeclaredIsKmsNotFound() throws IOException {
        DataKey key = kms().generateDataKey("alias/payments");
        LocalKms withoutPayments = LocalKms.open(dataDir, null, List.of());
        notFound(withoutPayments, "alias/payments");
        assertThat(catchThrowable(() -> withoutPayments.unwrap("alias/payments", key.wrapped())))
                .isInstanceOfSatisfying(ServiceException.class, e -> assertThat(e.type()).isEqualTo(ErrorType.KMS_NOT_FOUND));
    }

    @Test
    void masterKeyIsCreatedOnceAndReusedAcrossOpens() throws IOException {
        DataKey key = kms().generateDataKey(OPERATOR_KEY_ID);
        Path masterKey = dataDir.resolve("keystore").resolve("master.key");
        byte[] created = Files.readAllBytes(masterKey);

        DataKey unwrapped = kms().unwrap(OPERATOR_KEY_ID, key.wrapped());

        assertThat(unwrapped.plaintext()).isEqualTo(key.plaintext());
        assertThat(Files.readAllBytes(masterKey)).isEqualTo(created);
        try (var files = Files.list(dataDir.resolve("keystore"))) {
            assertThat(files).containsExactly(masterKey);
        }
    }

    static ServiceException notFound(LocalKms kms, String reference) {
        Throwable thrown = catchThrowable(() -> kms.resolve(reference));
        assertThat(thrown).isInstanceOfSatisfying(ServiceException.class,
                e -> assertThat(e.type()).isEqualTo(ErrorType.KMS_NOT_FOUND));
        return (ServiceException) thrown;
    }

    static ServiceException invalidState(ThrowingCallable call) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).isInstanceOfSatisfying(ServiceException.class,
                e -> assertThat(e.type()).isEqualTo(ErrorType.KMS_INVALID_STATE));
        return (ServiceException) thrown;
    }
}
