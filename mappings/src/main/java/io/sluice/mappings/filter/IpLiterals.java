package io.sluice.mappings.filter;

import java.util.Optional;

/**
 * Parses IP address literals without name resolution: dotted IPv4 ({@code 10.0.0.1}) and IPv6 with {@code ::}
 * compression and an optional dotted IPv4 tail ({@code ::ffff:10.0.0.1}). Zone ids are not addresses here.
 * Stateless.
 */
final class IpLiterals {

    private IpLiterals() {
    }

    /** The address's 4 or 16 bytes, or empty when the text is not an address literal. */
    static Optional<byte[]> parse(String text) {
        return text.indexOf(':') >= 0 ? ipv6(text) : ipv4(text);
    }

    static Optional<byte[]> ipv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return Optional.empty();
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            String part = parts[i];
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)) {
                return Optional.empty();
            }
            int value = Integer.parseInt(part);
            if (value > 255) {
                return Optional.empty();
            }
            bytes[i] = (byte) value;
        }
        return Optional.of(bytes);
    }

    private static Optional<byte[]> ipv6(String text) {
        int gap = text.indexOf("::");
        if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
            return Optional.empty();
        }
        String head = gap >= 0 ? text.substring(0, gap) : text;
        String tail = gap >= 0 ? text.substring(gap + 2) : "";
        byte[] headBytes = groups(head, gap < 0);
        byte[] tailBytes = groups(tail, true);
        if (headBytes == null || tailBytes == null) {
            return Optional.empty();
        }
        int used = headBytes.length + tailBytes.length;
        if (gap < 0 ? used != 16 : used > 14) {
            return Optional.empty();
        }
        byte[] bytes = new byte[16];
        System.arraycopy(headBytes, 0, bytes, 0, headBytes.length);
        System.arraycopy(tailBytes, 0, bytes, 16 - tailBytes.length, tailBytes.length);
        return Optional.of(bytes);
    }

    /** Colon-separated hex groups; the last may be dotted IPv4 when it ends the address. Null when malformed. */
    private static byte[] groups(String text, boolean endsAddress) {
        if (text.isEmpty()) {
            return new byte[0];
        }
        String[] parts = text.split(":", -1);
        byte[] out = new byte[parts.length * 2 + 2];
        int n = 0;
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (i == parts.length - 1 && endsAddress && part.indexOf('.') >= 0) {
                Optional<byte[]> v4 = ipv4(part);
                if (v4.isEmpty()) {
                    return null;
                }
                System.arraycopy(v4.get(), 0, out, n, 4);
                n += 4;
            } else {
                if (part.isEmpty() || part.length() > 4 || !part.chars().allMatch(IpLiterals::isHex)) {
                    return null;
                }
                int value = Integer.parseInt(part, 16);
                out[n++] = (byte) (value >> 8);
                out[n++] = (byte) value;
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }

    private static boolean isHex(int c) {
        return Character.digit(c, 16) >= 0 && c < 128;
    }
}
