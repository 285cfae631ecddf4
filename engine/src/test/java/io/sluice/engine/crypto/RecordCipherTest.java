package io.sluice.engine.crypto;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.sluice.engine.crypto.LocalKmsTest.invalidState;
import static org.assertj.core.api.Assertions.assertThat;

class RecordCipherTest {

    private static final byte[] SHARD_0 = "123456789012/eu-west-1/orders/shardId-000000000000".getBytes(StandardCharsets.UTF_8);
    private static final byte[] SHARD_1 = "123456789012/eu-west-1/orders/shardId-000000000001".getBytes(StandardCharsets.UTF_8);
    private static final byte[] RECORD = "{\"order\":42,\"card\":\"4111111111111111\"}".getBytes(StandardCharsets.UTF_8);

    private final SecureRandom random = new SecureRandom();
    private final RecordCipher cipher = new RecordCipher(random);
    private final DataKey key = dataKey("alias/aws/kinesis");

    private DataKey dataKey(String keyId) {
        byte[] plaintext = new byte[32];
        random.nextBytes(plaintext);
        return new DataKey(keyId, plaintext, new byte[61]);
    }

    @Test
    void recordRoundTrips() {
        byte[] ciphertext = cipher.encrypt(7, key, RECORD, SHARD_0);

        assertThat(cipher.decrypt(key, ciphertext, SHARD_0)).isEqualTo(RECORD);
        assertThat(ciphertext).hasSize(RECORD.length + RecordCipher.OVERHEAD_BYTES);
    }

    @Test
    void emptyRecordRoundTrips() {
        byte[] ciphertext = cipher.encrypt(7, key, new byte[0], SHARD_0);

        assertThat(ciphertext).hasSize(33);
        assertThat(cipher.decrypt(key, ciphertext, SHARD_0)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 65_536, Integer.MAX_VALUE, -1, Integer.MIN_VALUE})
    void dataKeyNumberIsReadableWithoutTheKey(int number) {
        assertThat(RecordCipher.dataKeyNumber(cipher.encrypt(number, key, RECORD, SHARD_0))).isEqualTo(number);
    }

    @Test
    void ciphertextDoesNotContainThePlaintext() {
        byte[] ciphertext = cipher.encrypt(7, key, RECORD, SHARD_0);

        assertThat(Bytes.contains(ciphertext, "4111111111111111".getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(Bytes.contains(ciphertext, key.plaintext())).isFalse();
    }

    @Test
    void sameRecordEncryptsDifferentlyEachTime() {
        assertThat(cipher.encrypt(7, key, RECORD, SHARD_0)).isNotEqualTo(cipher.encrypt(7, key, RECORD, SHARD_0));
    }

    @Test
    void recordMovedToAnotherShardIsInvalidState() {
        byte[] ciphertext = cipher.encrypt(7, key, RECORD, SHARD_0);
        invalidState(() -> cipher.decrypt(key, ciphertext, SHARD_1));
    }

    @Test
    void recordDecryptedWithADataKeyOfAnotherKeyIdIsInvalidState() {
        byte[] ciphertext = cipher.encrypt(7, key, RECORD, SHARD_0);
        assertThat(invalidState(() -> cipher.decrypt(dataKey("alias/payments"), ciphertext, SHARD_0)))
                .hasMessageContaining("'alias/payments'");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4, 5, 16, 17, 20, 52, 70})
    void recordWithAFlippedBitIsInvalidState(int index) {
        byte[] ciphertext = cipher.encrypt(7, key, RECORD, SHARD_0);
        ciphertext[index] ^= 0x01;
        invalidState(() -> cipher.decrypt(key, ciphertext, SHARD_0));
    }

    @Test
    void recordOfAnotherFormatOrTruncatedIsInvalidState() {
        byte[] ciphertext = cipher.encrypt(7, key, RECORD, SHARD_0);
        byte[] otherVersion = ciphertext.clone();
        otherVersion[0] = 2;

        invalidState(() -> cipher.decrypt(key, otherVersion, SHARD_0));
        invalidState(() -> RecordCipher.dataKeyNumber(otherVersion));
        invalidState(() -> cipher.decrypt(key, Arrays.copyOf(ciphertext, ciphertext.length - 1), SHARD_0));
        invalidState(() -> cipher.decrypt(key, Arrays.copyOf(ciphertext, 32), SHARD_0));
        invalidState(() -> RecordCipher.dataKeyNumber(new byte[4]));
    }
}
