package io.sluice.server.kinesis;

import io.sluice.server.auth.AuditIdentity;
import io.sluice.server.auth.Identity;

/**
 * Who made a call: the account and region it acts in, its identity and policies ({@code null} when the server
 * trusts every caller), and how the audit log names it.
 */
record Caller(RequestContext context, Identity identity, AuditIdentity auditIdentity) {
}
