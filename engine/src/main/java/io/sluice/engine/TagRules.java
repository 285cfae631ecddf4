package io.sluice.engine;

import io.sluice.common.ServiceException;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** AWS's rules for tags on a stream: at most 50, keys not starting with {@code aws:}. Stateless. */
final class TagRules {

    static final int MAX_TAGS = 50;

    private TagRules() {
    }

    static Map<String, String> add(StreamKey stream, Map<String, String> current, Map<String, String> added) {
        for (String key : added.keySet()) {
            if (key.toLowerCase(java.util.Locale.ROOT).startsWith("aws:")) {
                throw ServiceException.invalidArgument("Tag key " + key + " uses the reserved prefix aws:.");
            }
        }
        Map<String, String> merged = new TreeMap<>(current);
        merged.putAll(added);
        if (merged.size() > MAX_TAGS) {
            throw ServiceException.invalidArgument("Failed to add tags to stream " + stream.name() + " under account "
                    + stream.account() + " because a given stream cannot have more than " + MAX_TAGS + " tags.");
        }
        return merged;
    }

    static Map<String, String> remove(Map<String, String> current, List<String> keys) {
        Map<String, String> remaining = new TreeMap<>(current);
        keys.forEach(remaining::remove);
        return remaining;
    }
}
