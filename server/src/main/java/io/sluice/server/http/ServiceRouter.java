package io.sluice.server.http;

import io.sluice.common.ErrorType;
import io.sluice.protocol.WireFormat;
import io.sluice.server.pipeline.ApiPipeline;

import java.util.List;

/**
 * Sends each call to the API it is addressed to ({@code X-Amz-Target} prefix {@code Kinesis_20131202},
 * {@code Firehose_20150804}, ...), as one port serves every API. It holds only {@link ApiPipeline}s, so every API
 * it serves passes authentication, authorization, audit, call rates and metrics. Thread-safe: holds an immutable
 * list.
 */
public final class ServiceRouter implements ApiService {

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
        return ApiPipeline.error(WireFormat.forContentType(request.contentType()), ErrorType.UNKNOWN_OPERATION,
                "The operation " + request.target() + " is not known.");
    }
}
