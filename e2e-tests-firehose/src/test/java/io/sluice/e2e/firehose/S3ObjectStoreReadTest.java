package io.sluice.e2e.firehose;

import io.sluice.firehose.delivery.ReadableObjectStore;
import io.sluice.firehose.delivery.S3ObjectStore;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The S3 store reads back what it wrote (the console's error records) from a real S3-compatible server. */
class S3ObjectStoreReadTest {

    @Test
    void listsKeysUnderAPrefixUpToTheLimitAndGetsAnObjectsBody() throws Exception {
        try (S3ProxyServer s3 = new S3ProxyServer(); S3ObjectStore store = S3ObjectStore.connect(
                new S3ObjectStore.Settings(s3.endpoint(), "us-east-1", S3ProxyServer.ACCESS_KEY,
                        S3ProxyServer.SECRET_KEY, true))) {
            s3.createBucket("errors");
            store.put("errors", "processing-failed/a", "one".getBytes(StandardCharsets.UTF_8));
            store.put("errors", "processing-failed/b", "two".getBytes(StandardCharsets.UTF_8));
            store.put("errors", "processing-failed/c", "three".getBytes(StandardCharsets.UTF_8));
            store.put("errors", "delivered/d", "four".getBytes(StandardCharsets.UTF_8));

            assertThat(store.list("errors", "processing-failed/", 2))
                    .extracting(ReadableObjectStore.StoredObject::key)
                    .containsExactly("processing-failed/a", "processing-failed/b");
            assertThat(store.list("errors", "processing-failed/", 10)).hasSize(3)
                    .allSatisfy(o -> assertThat(o.lastModifiedMillis()).isPositive());
            assertThat(new String(store.get("errors", "processing-failed/c"), StandardCharsets.UTF_8))
                    .isEqualTo("three");
            assertThat(store.list("no-such-bucket", "", 10)).isEmpty();
        }
    }
}
