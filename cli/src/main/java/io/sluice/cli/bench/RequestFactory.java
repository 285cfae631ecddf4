package io.sluice.cli.bench;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.sluice.common.Clock;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Turns a Kinesis operation and its encoded body into a signed HTTP/1.1 POST to the endpoint. Thread-safe: the
 * formatted date of the current second is cached in a volatile field, the rest is immutable.
 */
final class RequestFactory {

    static final String TARGET_PREFIX = "Kinesis_20131202.";
    private static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final String host;
    private final BodyFormat format;
    private final SigV4Signer signer;
    private final String sessionToken;
    private final Clock clock;
    private volatile FormattedSecond date = new FormattedSecond(Long.MIN_VALUE, "");

    private record FormattedSecond(long second, String text) {
    }

    /**
     * @param host         the Host header, which is signed: host, or host:port when the endpoint names a port
     * @param sessionToken sent and signed as X-Amz-Security-Token; null for none
     */
    RequestFactory(String host, BodyFormat format, SigV4Signer signer, String sessionToken, Clock clock) {
        this.host = host;
        this.format = format;
        this.signer = signer;
        this.sessionToken = sessionToken;
        this.clock = clock;
    }

    /** A signed request carrying {@code body}, whose ownership passes to the request. */
    FullHttpRequest post(String operation, ByteBuf body) {
        String target = TARGET_PREFIX + operation;
        String amzDate = amzDate();
        SortedMap<String, String> signed = new TreeMap<>();
        signed.put("content-type", format.contentType());
        signed.put("host", host);
        signed.put("x-amz-date", amzDate);
        signed.put("x-amz-target", target);
        if (sessionToken != null) {
            signed.put("x-amz-security-token", sessionToken);
        }
        String authorization = signer.authorization("POST", "/", "", signed,
                SigV4Signer.sha256Hex(body.nioBuffer()), amzDate);
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/", body);
        HttpHeaders headers = request.headers();
        signed.forEach(headers::set);
        headers.set(HttpHeaderNames.AUTHORIZATION, authorization)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
        return request;
    }

    private String amzDate() {
        long second = Math.floorDiv(clock.millis(), 1000);
        FormattedSecond current = date;
        if (current.second() != second) {
            current = new FormattedSecond(second, AMZ_DATE.format(Instant.ofEpochSecond(second)));
            date = current;
        }
        return current.text();
    }
}
