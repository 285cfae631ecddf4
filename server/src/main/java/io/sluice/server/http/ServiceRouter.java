package io.sluice.server.http;

import io.sluice.common.ErrorType;
import io.sluice.protocol.ErrorBody;
import io.sluice.protocol.WireFormat;

import java.util.Map;

/**
 * Sends each call to the API its {@code X-Amz-Target} prefix names ({@code Kinesis_20131202},
 * {@code Firehose_20150804}, ...), as one port serves every API. Thread-safe: holds an immutable map.
 */
public final class ServiceRouter implements ApiService {

    private final Map<String, ApiService> services;

    /** @param services the API of each target prefix, without the dot (e.g. "Kinesis_20131202") */
    public ServiceRouter(Map<String, ApiService> services) {
        this.services = Map.copyOf(services);
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        String target = request.target();
        int dot = target == null ? -1 : target.indexOf('.');
        ApiService service = dot < 0 ? null : services.get(target.substring(0, dot));
        if (service == null) {
            WireFormat format = WireFormat.forContentType(request.contentType());
            ErrorType type = ErrorType.UNKNOWN_OPERATION;
            return new ApiResponse(type.httpStatus(), format.contentType(), ErrorBody.encode(format, type.awsName(),
                    "The operation " + target + " is not known."), type.awsName());
        }
        return service.handle(request);
    }
}
