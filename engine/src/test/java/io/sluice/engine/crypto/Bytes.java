package io.sluice.engine.crypto;

import java.util.Arrays;

/** Byte-array search for the tests that check no plaintext shows in what is stored. */
final class Bytes {

    private Bytes() {
    }

    static boolean contains(byte[] haystack, byte[] needle) {
        for (int start = 0; start + needle.length <= haystack.length; start++) {
            if (Arrays.equals(haystack, start, start + needle.length, needle, 0, needle.length)) {
                return true;
            }
        }
        return false;
    }
}
