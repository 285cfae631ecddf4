package io.sluice.engine;

import io.sluice.engine.crypto.DataKey;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The unwrapped data keys of one stream, by number, and which one encrypts new records (-1: encryption is off or
 * no key was made yet). Plaintext keys live only here, in memory. Thread-safe.
 */
final class KeyRing {

    private final Map<Integer, DataKey> keys = new ConcurrentHashMap<>();
    private volatile int current = -1;

    DataKey key(int number) {
        return keys.get(number);
    }

    int currentNumber() {
        return current;
    }

    int nextNumber() {
        return keys.keySet().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
    }

    void add(int number, DataKey key) {
        keys.put(number, key);
    }

    void makeCurrent(int number) {
        current = number;
    }
}
