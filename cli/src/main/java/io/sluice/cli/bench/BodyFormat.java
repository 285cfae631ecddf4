package io.sluice.cli.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;

/** The two wire formats of the Kinesis API. Immutable: Jackson's factories are thread-safe once built. */
enum BodyFormat {
    CBOR("application/x-amz-cbor-1.1", new CBORFactory()),
    JSON("application/x-amz-json-1.1", new JsonFactory());

    private final String contentType;
    private final JsonFactory factory;

    BodyFormat(String contentType, JsonFactory factory) {
        this.contentType = contentType;
        this.factory = factory;
    }

    String contentType() {
        return contentType;
    }

    JsonFactory factory() {
        return factory;
    }
}
