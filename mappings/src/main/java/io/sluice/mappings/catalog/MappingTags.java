package io.sluice.mappings.catalog;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lambda's tag rules for a mapping (at most {@value #MAX_TAGS} tags, keys of 1 to 128 characters not starting with
 * {@code aws:}, values of at most 256), and the mapping ARN tags are addressed by.
 *
 * <p>Stateless and thread-safe.
 */
final class MappingTags {

    static final int MAX_TAGS = 50;
    private static final Pattern ARN = Pattern.compile("arn:aws[a-zA-Z-]*:lambda:([a-z0-9-]+):(\\d{12}):"
            + "event-source-mapping:([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})");

    private MappingTags() {
    }

    /**
     * The uuid of the mapping {@code arn} names in the caller's account and region.
     *
     * @throws io.sluice.common.ServiceException ResourceNotFoundException for any other ARN
     */
    static String uuidOf(String account, String region, String arn) {
        Matcher m = arn == null ? null : ARN.matcher(arn);
        if (m == null || !m.matches() || !m.group(1).equals(region) || !m.group(2).equals(account)) {
            throw LambdaErrors.notFound();
        }
        return m.group(3);
    }

    /** {@code current} with {@code added} set, checked. */
    static Map<String, String> add(Map<String, String> current, Map<String, String> added) {
        Map<String, String> tags = new HashMap<>(current);
        for (Map.Entry<String, String> tag : added.entrySet()) {
            String key = tag.getKey();
            String value = tag.getValue() == null ? "" : tag.getValue();
            if (key == null || key.isEmpty() || key.length() > 128) {
                throw LambdaErrors.invalid("Tag keys must be 1 to 128 characters long.");
            }
            if (key.startsWith("aws:")) {
                throw LambdaErrors.invalid("Tag keys starting with 'aws:' are reserved: " + key);
            }
            if (value.length() > 256) {
                throw LambdaErrors.invalid("Tag values must be at most 256 characters long (key " + key + ").");
            }
            tags.put(key, value);
        }
        if (tags.size() > MAX_TAGS) {
            throw LambdaErrors.invalid("A resource can have at most " + MAX_TAGS + " tags; this change makes "
                    + tags.size() + ".");
        }
        return tags;
    }

    /** {@code current} without {@code keys} (keys it does not have are ignored, as Lambda does). */
    static Map<String, String> remove(Map<String, String> current, List<String> keys) {
        Map<String, String> tags = new HashMap<>(current);
        keys.forEach(tags::remove);
        return tags;
    }
}
