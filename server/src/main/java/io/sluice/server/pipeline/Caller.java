package io.sluice.server.pipeline;

import io.sluice.server.auth.AuditIdentity;
import io.sluice.server.auth.Identity;
import io.sluice.server.kinesis.RequestContext;

/**
 * Who made a call, as authentication resolved it: the account and region it acts in, its identity and policies
 * ({@code null} when the server trusts every caller), and how the audit log names it. Immutable.
 */
public record Caller(RequestContext context, Identity identity, AuditIdentity auditIdentity) {
}
