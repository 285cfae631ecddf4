package io.sluice.server.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.sluice.common.ErrorType;
import io.sluice.protocol.ErrorBody;
import io.sluice.protocol.WireFormat;

import java.util.UUID;

/**
 * Aggregates a request body up to the size limit. A larger body is refused with 413 and an AWS-shaped error
 * before it reaches the API layer, so nothing of it is stored; the rest of that body is read and dropped (the
 * aggregator's own behaviour after this call), so memory stays bounded and the connection stays usable.
 */
final class BoundedAggregator extends HttpObjectAggregator {

    BoundedAggregator(int maxBodyBytes) {
        super(maxBodyBytes);
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        WireFormat format = WireFormat.forContentType(oversized.headers().get(HttpHeaderNames.CONTENT_TYPE));
        ErrorType type = ErrorType.REQUEST_ENTITY_TOO_LARGE;
        byte[] body = ErrorBody.encode(format, type.awsName(),
                "Request body is larger than the limit of " + maxContentLength() + " bytes.");
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, Unpooled.wrappedBuffer(body));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, format.contentType())
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
                .set("x-amzn-RequestId", UUID.randomUUID().toString())
                .set("x-amzn-ErrorType", type.awsName());
        ctx.writeAndFlush(response);
    }
}
