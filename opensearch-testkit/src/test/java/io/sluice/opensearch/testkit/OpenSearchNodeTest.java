package io.sluice.opensearch.testkit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OpenSearchNodeTest {

    @Test
    void aStartedNodeIndexesAndFindsADocument() {
        try (OpenSearchNode node = OpenSearchNode.start()) {
            assertThat(node.request("PUT", "/probe/_doc/1?refresh=true", "{\"a\":1}").status()).isEqualTo(201);
            OpenSearchNode.Response found = node.request("GET", "/probe/_doc/1", null);
            assertThat(found.status()).isEqualTo(200);
            assertThat(found.body()).contains("\"a\":1");
        }
    }
}
