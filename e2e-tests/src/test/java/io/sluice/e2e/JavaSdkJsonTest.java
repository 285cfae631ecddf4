package io.sluice.e2e;

import io.sluice.testkit.SluiceServerExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/** The contract through the sync Java SDK with CBOR switched off (JSON 1.1). */
class JavaSdkJsonTest extends KinesisContractTest {

    @RegisterExtension
    static final SluiceServerExtension SERVER = new SluiceServerExtension();

    private static KinesisClient client;

    @BeforeAll
    static void connect() {
        client = Clients.sync(SERVER.endpoint(), false, 0);
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    @Override
    KinesisClient client() {
        return client;
    }
}
