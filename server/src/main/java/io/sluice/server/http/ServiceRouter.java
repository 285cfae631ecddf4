package io.sluice.server.http;

import io.sluice.common.ErrorType;
import io.sluice.protocol.WireFormat;
import io.sluice.server.pipeline.ApiPipeline;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Sends each call to the API it is addressed to ({@code X-Amz-Target} prefix {@code Kinesis_20131202},
 * {@code Firehose_20150804}, ...) or, for a REST API (Lambda), by method and path, as one port serves every API. A
 * request no API takes is UnknownOperationException if it is a POST (a JSON 1.1 call with an unknown target), and
 * 404 otherwise (a page that does not exist). It holds only {@link ApiPipeline}s, so every API
 * it serves passes authentication, authorization, audit, call rates and metrics. Thread-safe: holds an immutable
 * list.
 */
public final class ServiceRouter implements ApiService {

    private static final byte[] NOT_FOUND = "Not found\n".getBytes(StandardCharsets.UTF_8);

    private final List<ApiPipeline> apis;

    public ServiceRouter(List<ApiPipeline> apis) {
        this.apis = List.copyOf(apis);
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        for (ApiPipeline api : apis) {
            if (api.accepts(request)) {
                return api.handle(request);
            }
        }
        if (!request.method().equals("POST")) {
            return new ApiResponse(404, "text/plain", NOT_FOUND, null);
        }
        return ApiPipeline.error(WireFormat.forContentType(request.contentType()), ErrorType.UNKNOWN_OPERATION,
                "The operation " + request.target() + " is not known.");
    }
}
