package io.sluice.testkit.lambda;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * A scripted answer for the next invocation of a function, taking the place of (or delaying) its handler: what
 * Lambda itself answers when it throttles, fails, or is slow. Immutable.
 */
public sealed interface FunctionAnswer {

    /** Lambda's throttle: 429 {@code TooManyRequestsException}, the handler not called. */
    static FunctionAnswer throttle() {
        return new Status(429, "TooManyRequestsException", "Rate Exceeded.");
    }

    /** Lambda's own failure: 500 {@code ServiceException}, the handler not called. */
    static FunctionAnswer serviceError() {
        return new Status(500, "ServiceException", "An internal error occurred.");
    }

    /** Any other error status the Invoke API answers, with its {@code X-Amzn-ErrorType}. */
    static FunctionAnswer status(int status, String errorType, String message) {
        return new Status(status, errorType, message);
    }

    /** Wait before running the handler, e.g. past the invoker's timeout. */
    static FunctionAnswer delay(Duration delay) {
        return new Delay(delay);
    }

    /** Run the handler once the test counts the latch down: a deterministic "slow function". */
    static FunctionAnswer holdUntil(CountDownLatch release) {
        return new Hold(release);
    }

    /** An error answer from the Invoke API itself (not the function's). */
    record Status(int status, String errorType, String message) implements FunctionAnswer {
    }

    /** Sleeps, then the handler runs. */
    record Delay(Duration delay) implements FunctionAnswer {
    }

    /** Waits for the latch, then the handler runs. */
    record Hold(CountDownLatch release) implements FunctionAnswer {
    }
}
