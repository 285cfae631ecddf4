package io.sluice.server.lambda;

import io.sluice.mappings.EventSourceMapping;
import io.sluice.mappings.MappingRuntime;
import io.sluice.mappings.catalog.MappingCatalog;
import io.sluice.mappings.catalog.MappingPage;
import io.sluice.protocol.ResponseWriter;
import io.sluice.protocol.WireFormat;
import io.sluice.protocol.WireObject;
import io.sluice.server.http.ApiResponse;
import io.sluice.server.kinesis.RequestContext;

import java.util.Map;

/**
 * The event source mapping operations over the catalogue, which validates and keeps them: each reads its input,
 * calls the catalogue in the caller's account and region, and answers with the status the Lambda model gives the
 * operation (202 for create, update and delete; 204 for tag and untag). {@code LastProcessingResult} comes from
 * this node's pollers. Thread-safe, as the catalogue is.
 */
public final class MappingActions {

    private static final String JSON = "application/json";

    private final MappingCatalog catalog;
    private final MappingRuntime runtime;

    public MappingActions(MappingCatalog catalog, MappingRuntime runtime) {
        this.catalog = catalog;
        this.runtime = runtime;
    }

    ApiResponse create(RequestContext context, WireObject in) {
        return mapping(202, catalog.create(context.account(), context.region(), MappingReader.create(in)));
    }

    ApiResponse get(RequestContext context, WireObject in) {
        return mapping(200, catalog.get(context.account(), context.region(), in.string("UUID")));
    }

    ApiResponse update(RequestContext context, WireObject in) {
        return mapping(202, catalog.update(context.account(), context.region(), in.string("UUID"),
                MappingReader.update(in)));
    }

    ApiResponse delete(RequestContext context, WireObject in) {
        return mapping(202, catalog.delete(context.account(), context.region(), in.string("UUID")));
    }

    ApiResponse list(RequestContext context, WireObject in) {
        MappingPage page = catalog.list(context.account(), context.region(), in.string("FunctionName"),
                in.string("EventSourceArn"), in.string("Marker"), in.integer("MaxItems"));
        ResponseWriter out = new ResponseWriter(WireFormat.JSON);
        out.startArray("EventSourceMappings");
        for (EventSourceMapping mapping : page.mappings()) {
            out.startObject();
            MappingWriter.write(out, mapping, runtime.lastProcessingResult(mapping.uuid()));
            out.endObject();
        }
        out.endArray();
        if (page.nextMarker() != null) {
            out.string("NextMarker", page.nextMarker());
        }
        return ApiResponse.ok(JSON, out.finish());
    }

    ApiResponse tag(RequestContext context, WireObject in) {
        catalog.tag(context.account(), context.region(), in.string("Resource"),
                in.has("Tags") ? in.stringMap("Tags") : null);
        return noContent();
    }

    ApiResponse untag(RequestContext context, WireObject in) {
        catalog.untag(context.account(), context.region(), in.string("Resource"), in.strings("TagKeys"));
        return noContent();
    }

    ApiResponse listTags(RequestContext context, WireObject in) {
        Map<String, String> tags = catalog.tags(context.account(), context.region(), in.string("Resource"));
        ResponseWriter out = new ResponseWriter(WireFormat.JSON).startObject("Tags");
        tags.forEach(out::string);
        return ApiResponse.ok(JSON, out.endObject().finish());
    }

    private ApiResponse mapping(int status, EventSourceMapping mapping) {
        ResponseWriter out = new ResponseWriter(WireFormat.JSON);
        MappingWriter.write(out, mapping, runtime.lastProcessingResult(mapping.uuid()));
        return new ApiResponse(status, JSON, out.finish(), null);
    }

    private static ApiResponse noContent() {
        return new ApiResponse(204, JSON, new byte[0], null);
    }
}
