package io.sluice.server.analytics;

import io.sluice.analytics.app.ApplicationKey;
import io.sluice.analytics.app.ApplicationRegistry;
import io.sluice.protocol.ResponseWriter;
import io.sluice.protocol.Validator;
import io.sluice.protocol.WireObject;
import io.sluice.server.kinesis.RequestContext;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * TagResource, UntagResource, ListTagsForResource on application ARNs. The model allows 200 tags in a request;
 * an application holds at most 50 (TooManyTagsException, from the registry). Thread-safe.
 */
final class TagActions {

    private final ApplicationRegistry registry;

    TagActions(ApplicationRegistry registry) {
        this.registry = registry;
    }

    void tag(RequestContext context, WireObject in, ResponseWriter out) {
        Validator v = new Validator();
        String arn = arn(v, in);
        Map<String, String> tags = readTags(v, in.objects("Tags"));
        v.required("tags", in.objects("Tags")).check();
        registry.tag(ApplicationKey.parseArnOrNull(arn), tags);
    }

    void untag(RequestContext context, WireObject in, ResponseWriter out) {
        Validator v = new Validator();
        String arn = arn(v, in);
        List<String> keys = in.strings("TagKeys");
        v.required("tagKeys", keys).size("tagKeys", keys, 1, 200);
        for (int i = 0; keys != null && i < keys.size(); i++) {
            v.length(ConfigReader.item("tagKeys", i), keys.get(i), 1, 128);
        }
        v.check();
        registry.untag(ApplicationKey.parseArnOrNull(arn), keys);
    }

    void list(RequestContext context, WireObject in, ResponseWriter out) {
        Validator v = new Validator();
        String arn = arn(v, in);
        v.check();
        out.startArray("Tags");
        for (Map.Entry<String, String> tag : registry.tags(ApplicationKey.parseArnOrNull(arn)).entrySet()) {
            out.startObject().string("Key", tag.getKey()).string("Value", tag.getValue()).endObject();
        }
        out.endArray();
    }

    private static String arn(Validator v, WireObject in) {
        String arn = in.string("ResourceARN");
        v.required("resourceARN", arn).length("resourceARN", arn, 1, 2048)
                .pattern("resourceARN", arn, Patterns.APPLICATION_ARN);
        return arn;
    }

    /** A list of Tag structures (1 to 200, as the model allows), checked into {@code v}. */
    static Map<String, String> readTags(Validator v, List<WireObject> items) {
        Map<String, String> tags = new LinkedHashMap<>();
        v.size("tags", items, 1, 200);
        for (int i = 0; items != null && i < items.size(); i++) {
            String p = ConfigReader.item("tags", i);
            String key = items.get(i).string("Key");
            String value = items.get(i).string("Value");
            v.required(p + ".key", key).length(p + ".key", key, 1, 128).length(p + ".value", value, 0, 256);
            if (key != null) {
                tags.put(key, value == null ? "" : value);
            }
        }
        return tags;
    }
}
