package io.sluice.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;

/**
 * The two body encodings of the AWS JSON protocol family. A reply is always in the request's encoding.
 * JSON carries blobs as base64 strings and timestamps as epoch seconds with a fraction; CBOR carries blobs as byte
 * strings and timestamps as integer epoch milliseconds (the Java SDK's convention, not RFC 8949's).
 */
public enum WireFormat {
    JSON("application/x-amz-json-1.1", JsonFactory.builder()),
    CBOR("application/x-amz-cbor-1.1", CBORFactory.builder());

    /** Deep nesting only costs memory and stack; no Kinesis request nests deeper than a handful of levels. */
    static final int MAX_NESTING_DEPTH = 32;

    private final String contentType;
    private final JsonFactory factory;

    WireFormat(String contentType, com.fasterxml.jackson.core.TSFBuilder<?, ?> builder) {
        this.contentType = contentType;
        this.factory = builder.streamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING_DEPTH).build()).build();
    }

    public String contentType() {
        return contentType;
    }

    JsonFactory factory() {
        return factory;
    }

    /** The format of a request with this Content-Type: CBOR if it says so, JSON otherwise (as AWS does). */
    public static WireFormat forContentType(String contentType) {
        return contentType != null && contentType.toLowerCase(java.util.Locale.ROOT).contains("cbor") ? CBOR : JSON;
    }
}
