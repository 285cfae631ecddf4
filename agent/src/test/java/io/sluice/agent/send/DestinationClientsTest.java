package io.sluice.agent.send;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;

import static org.assertj.core.api.Assertions.assertThat;

class DestinationClientsTest {

    @Test
    void theConfiguredRegionWinsThenTheSdksChainThenUsEast1() {
        assertThat(DestinationClients.region("eu-west-1", () -> Region.AP_SOUTH_1)).isEqualTo(Region.EU_WEST_1);
        assertThat(DestinationClients.region(null, () -> Region.AP_SOUTH_1)).isEqualTo(Region.AP_SOUTH_1);
        assertThat(DestinationClients.region(null, () -> {
            throw SdkClientException.create("Unable to load region from any of the providers in the chain");
        })).isEqualTo(Region.US_EAST_1);
    }
}
