package io.sluice.e2e.firehose;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Waits for something that happens asynchronously in a real server (delivery runs on its own timer). */
final class Await {

    private Await() {
    }

    /** Polls {@code value} until {@code done} holds, and returns it; fails after {@code limit}. */
    static <T> T until(Duration limit, Supplier<T> value, Predicate<T> done) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        T last = value.get();
        while (!done.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("still not there after " + limit + ": " + last);
            }
            Thread.sleep(50);
            last = value.get();
        }
        return last;
    }
}
