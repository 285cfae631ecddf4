package io.sluice.server.auth;

import io.sluice.common.ServiceException;

import java.util.List;

/**
 * An IAM-style policy document, parsed and validated. The accepted grammar (see {@link PolicyParser}):
 * <pre>
 * { "Version": "2012-10-17" | "2008-10-17",            (optional)
 *   "Id": "...",                                       (optional)
 *   "Statement": statement | [statement, ...] }
 * statement = { "Sid": "...", "Effect": "Allow" | "Deny",
 *               "Action" | "NotAction": "svc:Pattern" | "*" | [...],      (exactly one; * and ? wildcards,
 *                                                                          compared without case)
 *               "Resource" | "NotResource": "arn:..." | "*" | [...],      (exactly one; wildcards)
 *               "Principal" | "NotPrincipal": "*" | {"AWS": id-or-arn | [...], "Service": ...} }  (at most one)
 * </pre>
 * {@code Condition} is refused rather than ignored: ignoring it would grant more than the author wrote.
 * Immutable and thread-safe.
 */
public record Policy(List<Statement> statements) {

    public Policy {
        statements = List.copyOf(statements);
    }

    /**
     * Parses and validates a policy document of either kind.
     *
     * @throws ServiceException InvalidArgumentException "Invalid policy: ..." naming what is wrong
     */
    public static Policy parse(String json) {
        return PolicyParser.parse(json);
    }

    /** This policy, checked to be an identity-based policy: no statement may name a principal. */
    public Policy asIdentityPolicy() {
        if (statements.stream().anyMatch(s -> s.principals() != null)) {
            throw PolicyParser.invalid("an identity-based policy must not name a Principal or NotPrincipal");
        }
        return this;
    }

    /** This policy, checked to be a resource-based policy: every statement must name its principals. */
    public Policy asResourcePolicy() {
        if (statements.stream().anyMatch(s -> s.principals() == null)) {
            throw PolicyParser.invalid("each statement of a resource-based policy needs a Principal or NotPrincipal");
        }
        return this;
    }
}
