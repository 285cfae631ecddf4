package io.sluice.server.kinesis;

import io.sluice.common.ServiceException;
import io.sluice.server.auth.Policy;

import java.nio.charset.StandardCharsets;

/**
 * Checks a resource policy document the way PutResourcePolicy must before storing it: at most 20 KiB, and a
 * policy the authorizer can enforce as a resource policy (every statement names a principal; no conditions, which
 * Sluice cannot evaluate). Stateless and thread-safe.
 */
final class ResourcePolicyValidator {

    static final int MAX_POLICY_BYTES = 20 * 1024;

    private ResourcePolicyValidator() {
    }

    static void validate(String policy) {
        if (policy.getBytes(StandardCharsets.UTF_8).length > MAX_POLICY_BYTES) {
            throw ServiceException.invalidArgument("Invalid policy: the policy is larger than " + MAX_POLICY_BYTES
                    + " bytes.");
        }
        Policy.parse(policy).asResourcePolicy();
    }
}
