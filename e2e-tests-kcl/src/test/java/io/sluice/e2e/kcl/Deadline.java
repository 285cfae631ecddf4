package io.sluice.e2e.kcl;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waiting for an outcome with an upper bound; the bound only turns a hang into a failure, it measures nothing. */
final class Deadline {

    private static final Duration POLL = Duration.ofMillis(100);

    private final long endNanos;

    private Deadline(long endNanos) {
        this.endNanos = endNanos;
    }

    static Deadline in(Duration timeout) {
        return new Deadline(System.nanoTime() + timeout.toNanos());
    }

    /** Waits until the condition holds; on timeout fails with what was awaited and the state described by why. */
    static void await(Duration timeout, String what, BooleanSupplier condition, Supplier<String> why) {
        Deadline deadline = in(timeout);
        while (!condition.getAsBoolean()) {
            if (deadline.passed()) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what + ": " + why.get());
            }
            sleep();
        }
    }

    void sleepOrFail(String what) {
        if (passed()) {
            throw new AssertionError("timed out waiting for " + what);
        }
        sleep();
    }

    private boolean passed() {
        return System.nanoTime() - endNanos > 0;
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting", e);
        }
    }
}
