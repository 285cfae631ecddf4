package io.sluice.firehose.delivery;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LazyHttpClientTest {

    @Test
    void everyCallerSharesTheOneClientMadeOnFirstUse() {
        try (LazyHttpClient lazy = new LazyHttpClient(Duration.ofSeconds(3))) {
            assertThat(lazy.get()).isSameAs(lazy.get());
            assertThat(lazy.get().connectTimeout()).contains(Duration.ofSeconds(3));
        }
    }

    @Test
    void aClosedClientIsNotHandedOutAgain() {
        LazyHttpClient lazy = new LazyHttpClient(Duration.ofSeconds(1));
        lazy.get();
        lazy.close();
        assertThatThrownBy(lazy::get).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aClosedClientIsNotMadeAgain() {
        LazyHttpClient lazy = new LazyHttpClient(Duration.ofSeconds(1));
        lazy.close();
        assertThatThrownBy(lazy::get).isInstanceOf(IllegalStateException.class);
    }
}
