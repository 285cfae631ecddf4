package io.sluice.glue;

import io.sluice.common.ErrorType;
import io.sluice.common.ServiceException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Paging tokens: the name (or version id) a page ended on, with the listing it belongs to, base64-encoded so that
 * callers treat them as opaque. A token of another listing, or one that does not decode, is an
 * InvalidInputException. Stateless.
 */
final class PageTokens {

    private PageTokens() {
    }

    static String next(String listing, String last) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((listing + "\n" + last).getBytes(StandardCharsets.UTF_8));
    }

    /** The name a page ended on, or null for a first page (no token). */
    static String after(String listing, String token) {
        if (token == null || token.isEmpty()) {
            return null;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (text.startsWith(listing + "\n")) {
                return text.substring(listing.length() + 1);
            }
        } catch (IllegalArgumentException e) {
            // not base64: answered below like any other token that is not ours
        }
        throw new ServiceException(ErrorType.INVALID_INPUT, "The next token is not valid for this request.");
    }
}
