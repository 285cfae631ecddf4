package io.sluice.server.http;

import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectionLimitTest {

    @Test
    void connectionsOverTheCapAreClosedAndFreedPlacesAreReused() {
        ConnectionLimit limit = new ConnectionLimit(2);
        EmbeddedChannel first = new EmbeddedChannel(limit);
        EmbeddedChannel second = new EmbeddedChannel(limit);
        EmbeddedChannel third = new EmbeddedChannel(limit);
        assertThat(first.isOpen()).isTrue();
        assertThat(second.isOpen()).isTrue();
        assertThat(third.isOpen()).isFalse();
        first.close();
        EmbeddedChannel fourth = new EmbeddedChannel(limit);
        assertThat(fourth.isOpen()).isTrue();
    }
}
