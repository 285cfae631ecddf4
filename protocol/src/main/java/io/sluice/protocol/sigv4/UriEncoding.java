package io.sluice.protocol.sigv4;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * SigV4's percent-encoding: every byte of the UTF-8 form except the unreserved characters {@code A-Z a-z 0-9 - _ .
 * ~} becomes {@code %XX} with upper-case hex. Decoding is lenient, as servers must be: a {@code %} not followed by
 * two hex digits stays a literal {@code %}, and {@code +} stays a {@code +} (SigV4 clients send spaces as
 * {@code %20}). Stateless.
 */
final class UriEncoding {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private UriEncoding() {
    }

    /** Encodes {@code text}; with {@code keepSlashes} a {@code /} passes unencoded (for paths). */
    static String encode(String text, boolean keepSlashes) {
        return encode(text.getBytes(StandardCharsets.UTF_8), keepSlashes);
    }

    static String encode(byte[] bytes, boolean keepSlashes) {
        StringBuilder out = new StringBuilder(bytes.length + 16);
        for (byte b : bytes) {
            int c = b & 0xff;
            if (isUnreserved(c) || (keepSlashes && c == '/')) {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return out.toString();
    }

    /** The bytes a percent-encoded string stands for. */
    static byte[] decode(String encoded) {
        byte[] in = encoded.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
        for (int i = 0; i < in.length; i++) {
            if (in[i] == '%' && i + 2 < in.length && hex(in[i + 1]) >= 0 && hex(in[i + 2]) >= 0) {
                out.write(hex(in[i + 1]) << 4 | hex(in[i + 2]));
                i += 2;
            } else {
                out.write(in[i]);
            }
        }
        return out.toByteArray();
    }

    private static boolean isUnreserved(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '-' || c == '_' || c == '.' || c == '~';
    }

    private static int hex(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        return -1;
    }
}
