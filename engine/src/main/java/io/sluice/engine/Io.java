package io.sluice.engine;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Runs a storage call from code that cannot throw IOException: a disk failure surfaces as a 500. Stateless. */
final class Io {

    private Io() {
    }

    interface Action {
        void run() throws IOException;
    }

    interface Supplier<T> {
        T get() throws IOException;
    }

    static void run(Action action) {
        try {
            action.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static <T> T get(Supplier<T> supplier) {
        try {
            return supplier.get();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
