package io.sluice.server.firehose;

import io.sluice.firehose.TagPage;
import io.sluice.firehose.FirehoseEngine;
import io.sluice.protocol.ResponseWriter;
import io.sluice.protocol.Validator;
import io.sluice.protocol.WireObject;
import io.sluice.server.kinesis.RequestContext;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** TagDeliveryStream, UntagDeliveryStream, ListTagsForDeliveryStream. Thread-safe. */
final class TagActions {

    private static final int MAX_LIST = 50;

    private final FirehoseEngine engine;

    TagActions(FirehoseEngine engine) {
        this.engine = engine;
    }

    void tag(RequestContext context, WireObject in, ResponseWriter out) {
        String name = in.string("DeliveryStreamName");
        List<WireObject> items = in.objects("Tags");
        Validator v = DeliveryStreamActions.name(new Validator(), name).required("tags", items);
        Map<String, String> tags = readTags(v, items);
        v.check();
        engine.tag(DeliveryStreamActions.key(context, name), tags);
    }

    void untag(RequestContext context, WireObject in, ResponseWriter out) {
        String name = in.string("DeliveryStreamName");
        List<String> keys = in.strings("TagKeys");
        Validator v = DeliveryStreamActions.name(new Validator(), name).required("tagKeys", keys)
                .size("tagKeys", keys, 1, 50);
        for (int i = 0; keys != null && i < keys.size(); i++) {
            String path = "tagKeys." + (i + 1) + ".member";
            v.length(path, keys.get(i), 1, 128).pattern(path, keys.get(i), Patterns.TAG_KEY);
        }
        v.check();
        engine.untag(DeliveryStreamActions.key(context, name), keys);
    }

    void list(RequestContext context, WireObject in, ResponseWriter out) {
        String name = in.string("DeliveryStreamName");
        String start = in.string("ExclusiveStartTagKey");
        Integer limit = in.integer("Limit");
        DeliveryStreamActions.name(new Validator(), name).length("exclusiveStartTagKey", start, 1, 128)
                .pattern("exclusiveStartTagKey", start, Patterns.TAG_KEY).range("limit", limit, 1, 50).check();
        TagPage page = engine.listTags(DeliveryStreamActions.key(context, name), start,
                limit == null ? MAX_LIST : limit);
        out.startArray("Tags");
        for (Map.Entry<String, String> tag : page.tags()) {
            out.startObject().string("Key", tag.getKey()).string("Value", tag.getValue()).endObject();
        }
        out.endArray().bool("HasMoreTags", page.hasMore());
    }

    /** A list of Tag structures (1 to 50), checked into {@code v}; null items give an empty map. */
    static Map<String, String> readTags(Validator v, List<WireObject> items) {
        Map<String, String> tags = new LinkedHashMap<>();
        v.size("tags", items, 1, 50);
        for (int i = 0; items != null && i < items.size(); i++) {
            String path = "tags." + (i + 1) + ".member.";
            String key = items.get(i).string("Key");
            String value = items.get(i).string("Value");
            v.required(path + "key", key).length(path + "key", key, 1, 128)
                    .pattern(path + "key", key, Patterns.TAG_KEY)
                    .length(path + "value", value, 0, 256).pattern(path + "value", value, Patterns.TAG_VALUE);
            if (key != null) {
                tags.put(key, value == null ? "" : value);
            }
        }
        return tags;
    }

}
