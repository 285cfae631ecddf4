package io.sluice.server.auth;

import io.sluice.common.ErrorType;
import io.sluice.common.ServiceException;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides whether a caller may perform an action on a resource, with IAM's evaluation logic:
 * <ol>
 *   <li>an applicable Deny in any identity-based or resource-based policy refuses;</li>
 *   <li>in the resource's own account, an Allow in an identity-based policy, or an Allow in the resource-based
 *       policy that names the caller's ARN (or everyone), permits. A resource policy that names only the caller's
 *       account delegates to that account's identity policies, as in AWS;</li>
 *   <li>from another account, both are needed: an Allow in the caller's identity-based policy and an Allow in
 *       the resource-based policy naming the caller, its account, or everyone;</li>
 *   <li>otherwise the request is implicitly denied.</li>
 * </ol>
 * Refusals are AccessDeniedException with AWS's wording. A stored resource policy that no longer parses refuses
 * everything on its resource: its Deny statements cannot be honoured, so nothing may be allowed.
 * Thread-safe when its {@link PolicyLookup} is.
 */
public final class Authorizer {

    private final PolicyLookup resourcePolicies;

    public Authorizer(PolicyLookup resourcePolicies) {
        this.resourcePolicies = Objects.requireNonNull(resourcePolicies, "resourcePolicies");
    }

    /**
     * Permits the call or throws.
     *
     * @param action      the IAM action, e.g. {@code kinesis:PutRecord}
     * @param resourceArn the stream or consumer ARN; {@code *} for calls on no particular resource (ListStreams),
     *                    which are judged in the caller's own account
     * @throws ServiceException AccessDeniedException if the caller may not
     */
    public void authorize(Identity caller, String action, String resourceArn) {
        if (action.indexOf(':') <= 0) {
            throw new IllegalArgumentException("an IAM action is service:Name, not " + action);
        }
        String owner = accountOf(resourceArn);
        Verdict identity = evaluate(caller.policies(), caller, action, resourceArn);
        if (identity.denied()) {
            throw denied(caller, action, resourceArn, "with an explicit deny in an identity-based policy");
        }
        Verdict resource = resourceVerdict(caller, action, resourceArn);
        if (resource.denied()) {
            throw denied(caller, action, resourceArn, "with an explicit deny in a resource-based policy");
        }
        boolean identityAllows = identity.grant() != Principals.Match.NONE;
        boolean permitted = owner == null || owner.equals(caller.account())
                ? identityAllows || resource.grant() == Principals.Match.DIRECT
                : identityAllows && resource.grant() != Principals.Match.NONE;
        if (permitted) {
            return;
        }
        throw denied(caller, action, resourceArn, "because no " + (identityAllows ? "resource" : "identity")
                + "-based policy allows the " + action + " action");
    }

    private Verdict resourceVerdict(Identity caller, String action, String resourceArn) {
        Optional<String> stored = resourcePolicies.policyFor(resourceArn);
        if (stored.isEmpty()) {
            return Verdict.NONE;
        }
        Policy policy;
        try {
            policy = Policy.parse(stored.get());
        } catch (ServiceException unreadable) {
            throw denied(caller, action, resourceArn, "because its resource-based policy cannot be evaluated ("
                    + unreadable.getMessage() + ")");
        }
        return evaluate(List.of(policy), caller, action, resourceArn);
    }

    /** Whether any statement denies, and the strongest grant of the statements that allow. */
    private static Verdict evaluate(List<Policy> policies, Identity caller, String action, String resourceArn) {
        boolean denied = false;
        Principals.Match grant = Principals.Match.NONE;
        for (Policy policy : policies) {
            for (Statement statement : policy.statements()) {
                if (!statement.covers(action, resourceArn)) {
                    continue;
                }
                Principals.Match match = statement.principalMatch(caller);
                if (match == Principals.Match.NONE) {
                    continue;
                }
                if (statement.effect() == Effect.DENY) {
                    denied = true;
                } else if (match.compareTo(grant) > 0) {
                    grant = match;
                }
            }
        }
        return new Verdict(denied, grant);
    }

    /** The account field of an ARN ({@code arn:partition:service:region:account:resource}); null for {@code *}. */
    private static String accountOf(String arn) {
        if (arn.equals("*")) {
            return null;
        }
        String[] parts = arn.split(":", 6);
        if (parts.length != 6 || !parts[0].equals("arn")) {
            throw new IllegalArgumentException("not an ARN: " + arn);
        }
        return parts[4];
    }

    private static ServiceException denied(Identity caller, String action, String resourceArn, String why) {
        return new ServiceException(ErrorType.ACCESS_DENIED, "User: " + caller.principalArn()
                + " is not authorized to perform: " + action + " on resource: " + resourceArn + " " + why);
    }

    private record Verdict(boolean denied, Principals.Match grant) {
        static final Verdict NONE = new Verdict(false, Principals.Match.NONE);
    }
}
