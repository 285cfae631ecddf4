package io.sluice.server.pipeline;

/**
 * What the caller of a call may do beyond the call's own action, for actions that act on other resources on the
 * caller's behalf (a delivery stream that reads a Kinesis stream). Bound to the caller by authentication, judged by
 * the same {@link io.sluice.server.auth.Authorizer} as the call itself. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface Permissions {

    /** A caller the server trusts with everything (no credentials file). */
    Permissions ALL = (action, resourceArn) -> { };

    /**
     * Permits or throws.
     *
     * @param action      the IAM action, e.g. {@code kinesis:GetRecords}
     * @param resourceArn the resource it acts on
     * @throws io.sluice.common.ServiceException AccessDeniedException naming the action and resource
     */
    void require(String action, String resourceArn);
}
