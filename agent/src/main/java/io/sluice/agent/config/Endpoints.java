package io.sluice.agent.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * agent.json's endpoints: AWS's agent hands them to the SDK v1, which takes a host alone (HTTPS) or a URL, so both
 * are read here; and the region an AWS endpoint names. Stateless; thread-safe.
 */
final class Endpoints {

    /** {@code kinesis.us-east-1.amazonaws.com}, {@code firehose-fips.us-gov-west-1.amazonaws.com}, China's .cn. */
    private static final Pattern AWS_HOST = Pattern.compile(
            "(?:[a-z0-9-]+\\.)?[a-z0-9-]+\\.([a-z]{2}(?:-[a-z]+)+-\\d+)\\.amazonaws\\.com(?:\\.cn)?");

    private Endpoints() {
    }

    /**
     * The endpoint at the key, or null when absent or empty (the agent.json AWS ships has {@code ""}); a problem when
     * it is not a http(s) URL or host.
     */
    static URI uri(ConfigSection section, String key) {
        String text = section.string(key, null);
        if (text == null || text.isBlank()) {
            return null;
        }
        String trimmed = text.trim();
        String withScheme = trimmed.contains("://") ? trimmed : "https://" + trimmed;
        try {
            URI uri = new URI(withScheme);
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            if (uri.getHost() == null || !(scheme.equals("http") || scheme.equals("https"))) {
                section.problem(key, "\"" + text + "\" is not an http(s) URL or host name");
                return null;
            }
            return uri;
        } catch (URISyntaxException e) {
            section.problem(key, "\"" + text + "\" is not a URL: " + e.getReason());
            return null;
        }
    }

    /** The region an AWS endpoint names, or null (a local endpoint such as Sluice's names none). */
    static String regionOf(URI endpoint) {
        if (endpoint == null) {
            return null;
        }
        Matcher matcher = AWS_HOST.matcher(endpoint.getHost().toLowerCase(Locale.ROOT));
        return matcher.matches() ? matcher.group(1) : null;
    }
}
