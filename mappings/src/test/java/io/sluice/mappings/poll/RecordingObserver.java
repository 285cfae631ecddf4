package io.sluice.mappings.poll;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Counts what the pollers report. */
final class RecordingObserver implements MappingObserver {

    final AtomicInteger invocations = new AtomicInteger();
    final AtomicInteger errors = new AtomicInteger();
    final AtomicInteger throttles = new AtomicInteger();
    final AtomicInteger dropped = new AtomicInteger();
    final AtomicLong lastIteratorAge = new AtomicLong(-1);

    @Override
    public void invoked(String uuid, String function, int records, boolean error) {
        invocations.incrementAndGet();
        if (error) {
            errors.incrementAndGet();
        }
    }

    @Override
    public void throttled(String uuid, String function) {
        throttles.incrementAndGet();
    }

    @Override
    public void iteratorAge(String uuid, String function, long ageMillis) {
        lastIteratorAge.set(ageMillis);
    }

    @Override
    public void dropped(String uuid, String function, int records) {
        dropped.addAndGet(records);
    }
}
