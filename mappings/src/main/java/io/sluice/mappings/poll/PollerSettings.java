package io.sluice.mappings.poll;

/**
 * How the pollers behave beyond a mapping's own parameters. Immutable; {@link #defaults()} for a server.
 *
 * @param backoffBaseMillis  the wait before the first retry of a failed or throttled invocation; each further retry
 *                           of the same batch waits twice as long
 * @param backoffCapMillis   the longest wait between two retries
 * @param executionRoleName  the role named in each record's {@code invokeIdentityArn}
 *                           ({@code arn:aws:iam::<mapping account>:role/<name>}): Lambda puts the function's
 *                           execution role there, which Sluice does not know
 */
public record PollerSettings(long backoffBaseMillis, long backoffCapMillis, String executionRoleName) {

    public PollerSettings {
        if (backoffBaseMillis <= 0 || backoffCapMillis < backoffBaseMillis) {
            throw new IllegalArgumentException("the back-off base must be positive and at most its cap");
        }
        if (executionRoleName == null || executionRoleName.isBlank()) {
            throw new IllegalArgumentException("an execution role name is required");
        }
    }

    public static PollerSettings defaults() {
        return new PollerSettings(100, 10_000, "lambda-execution-role");
    }

    /** The wait before retry number {@code attempt} (1 for the first retry). */
    long backoffMillis(int attempt) {
        int doublings = Math.min(Math.max(attempt - 1, 0), 30);
        return Math.min(backoffCapMillis, backoffBaseMillis << doublings);
    }

    String invokeIdentityArn(String account) {
        return "arn:aws:iam::" + account + ":role/" + executionRoleName;
    }
}
