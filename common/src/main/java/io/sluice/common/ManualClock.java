package io.sluice.common;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** A clock that moves only when told to. Thread-safe. */
public final class ManualClock implements Clock {

    private final AtomicLong now;

    public ManualClock(long startMillis) {
        this.now = new AtomicLong(startMillis);
    }

    @Override
    public long millis() {
        return now.get();
    }

    public void advance(Duration by) {
        now.addAndGet(by.toMillis());
    }

    public void set(long millis) {
        now.set(millis);
    }
}
