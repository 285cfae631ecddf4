package io.sluice.e2e;

import io.sluice.testkit.SluiceServerExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * The common shape of an end-to-end test class: a real server with limits off, and the sync Java SDK client
 * (CBOR, no retries) pointed at it, both for the whole class.
 */
abstract class SdkE2eTest {

    @RegisterExtension
    static final SluiceServerExtension SERVER = new SluiceServerExtension();

    static KinesisClient client;

    @BeforeAll
    static void connect() {
        client = Clients.sync(SERVER.endpoint(), true, 0);
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }
}
