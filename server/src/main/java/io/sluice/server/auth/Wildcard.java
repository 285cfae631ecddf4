package io.sluice.server.auth;

/**
 * IAM's wildcard matching: {@code *} matches any run of characters (including none, and including {@code :} and
 * {@code /}), {@code ?} matches exactly one character, everything else matches itself. Linear backtracking over
 * the last {@code *} only, so a hostile pattern costs at most pattern length times text length, never exponential
 * time. Stateless.
 */
final class Wildcard {

    private Wildcard() {
    }

    static boolean matches(String pattern, String text, boolean ignoreCase) {
        int p = 0;
        int t = 0;
        int star = -1;
        int starText = 0;
        while (t < text.length()) {
            char next = p < pattern.length() ? pattern.charAt(p) : 0;
            if (p < pattern.length() && next == '*') {
                star = p++;
                starText = t;
            } else if (p < pattern.length() && (next == '?' || same(next, text.charAt(t), ignoreCase))) {
                p++;
                t++;
            } else if (star >= 0) {
                p = star + 1;
                t = ++starText;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }

    private static boolean same(char a, char b, boolean ignoreCase) {
        return a == b || (ignoreCase && Character.toLowerCase(a) == Character.toLowerCase(b));
    }
}
