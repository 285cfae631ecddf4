package io.sluice.agent.send;

/** Waits between retries; tests pass one that records the waits and moves a manual clock instead. */
@FunctionalInterface
public interface Sleeper {

    void sleep(long millis) throws InterruptedException;

    static Sleeper system() {
        return Thread::sleep;
    }
}
