package io.sluice.agent.testing;

import io.sluice.agent.send.Sleeper;
import io.sluice.common.ManualClock;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records each wait and moves the manual clock by it instead of sleeping. */
public final class RecordingSleeper implements Sleeper {

    public final List<Long> sleeps = new CopyOnWriteArrayList<>();
    private final ManualClock clock;

    public RecordingSleeper(ManualClock clock) {
        this.clock = clock;
    }

    @Override
    public void sleep(long millis) {
        sleeps.add(millis);
        clock.advance(Duration.ofMillis(millis));
    }
}
