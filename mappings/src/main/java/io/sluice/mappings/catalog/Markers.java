package io.sluice.mappings.catalog;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * ListEventSourceMappings' paging markers: the uuid of the last mapping of a page, in base64url, since pages are
 * in uuid order. A marker stays valid when mappings are added or deleted in between (the next page starts after
 * that uuid whether it still exists or not).
 *
 * <p>Stateless and thread-safe.
 */
final class Markers {

    private static final Pattern UUID = Pattern.compile("[0-9a-fA-F-]{36}");

    private Markers() {
    }

    static String after(String lastUuid) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(lastUuid.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The uuid a marker continues after.
     *
     * @throws io.sluice.common.ServiceException InvalidParameterValueException for a marker this did not make
     */
    static String open(String marker) {
        try {
            String uuid = new String(Base64.getUrlDecoder().decode(marker), StandardCharsets.UTF_8);
            if (UUID.matcher(uuid).matches()) {
                return uuid;
            }
        } catch (IllegalArgumentException e) {
            // not base64: answered below
        }
        throw LambdaErrors.invalid("Invalid Marker: " + marker);
    }
}
