package io.sluice.engine;

import io.sluice.common.ServiceException;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * AWS's rules for tags: at most 50 on a stream, keys not starting with {@code aws:}, keys and values made only of
 * Unicode letters, digits, white space ({@code \p{Z}}: not tabs or line breaks) and {@code _ . : / = + - @}.
 * Kinesis refuses a bad character in two steps, each with its own message (recorded against AWS in kinesalite's
 * tests): characters outside that set and {@code %} first, then {@code %} itself. Streams and consumers are
 * checked through {@link #add}. Delivery streams call {@link #checkDeliveryStream}: Firehose's model allows
 * {@code %} in tags, so there it is kept, as AWS documents it. Stateless.
 */
public final class TagRules {

    public static final int MAX_TAGS = 50;

    private static final Pattern ALLOWED_OR_PERCENT = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@%]*");
    private static final Pattern ALLOWED = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");

    private TagRules() {
    }

    /**
     * Refuses tags AWS refuses, with an {@code InvalidArgumentException}: a key with the reserved prefix
     * {@code aws:} or a key or value with a character outside the allowed set. {@code target} names the resource
     * in AWS's words, e.g. "stream orders under account 123456789012".
     */
    public static void check(String target, Map<String, String> tags) {
        checkDeliveryStream(tags);
        if (!allMatch(tags, ALLOWED)) {
            throw ServiceException.invalidArgument("Failed to add tags to " + target + " because some tags "
                    + "contained illegal characters. The allowed characters are Unicode letters, white-spaces, "
                    + "'_',',','/','=','+','-','@'.");
        }
    }

    /** Firehose's rules: the reserved prefix {@code aws:}, and the characters of {@link #check} plus {@code %}. */
    public static void checkDeliveryStream(Map<String, String> tags) {
        for (String key : tags.keySet()) {
            if (key.toLowerCase(Locale.ROOT).startsWith("aws:")) {
                throw ServiceException.invalidArgument("Tag key " + key + " uses the reserved prefix aws:.");
            }
        }
        if (!allMatch(tags, ALLOWED_OR_PERCENT)) {
            throw ServiceException.invalidArgument("Some tags contain invalid characters. Valid characters: "
                    + "Unicode letters, digits, white space, _ . / = + - % @.");
        }
    }

    private static boolean allMatch(Map<String, String> tags, Pattern pattern) {
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            if (!pattern.matcher(tag.getKey()).matches()
                    || tag.getValue() != null && !pattern.matcher(tag.getValue()).matches()) {
                return false;
            }
        }
        return true;
    }

    static Map<String, String> add(StreamKey stream, Map<String, String> current, Map<String, String> added) {
        check("stream " + stream.name() + " under account " + stream.account(), added);
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
