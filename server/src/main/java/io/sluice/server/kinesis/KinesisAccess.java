package io.sluice.server.kinesis;

import io.sluice.common.ConsumerArn;
import io.sluice.common.StreamArn;
import io.sluice.engine.IteratorToken;
import io.sluice.protocol.WireFormat;
import io.sluice.protocol.WireObject;
import io.sluice.protocol.sigv4.CredentialScope;
import io.sluice.protocol.sigv4.SigV4Verifier;
import io.sluice.protocol.sigv4.SignedRequest;
import io.sluice.protocol.sigv4.VerifiedCaller;
import io.sluice.server.auth.AuditEvent;
import io.sluice.server.auth.AuditIdentity;
import io.sluice.server.auth.AuditLog;
import io.sluice.server.auth.AuditPayload;
import io.sluice.server.auth.Authorizer;
import io.sluice.server.auth.CredentialsFile;
import io.sluice.server.http.ApiRequest;

import java.util.Optional;
import java.util.Set;

/**
 * Authentication, authorization and audit of Kinesis calls. With a credentials file, every request must carry a
 * valid SigV4 signature of a known user, and the user's identity policies together with the resource policies of
 * streams and consumers decide what it may do; the caller's account and the signing region namespace its
 * streams. Without one (local development on loopback only), any signature is accepted, the region comes from the
 * signing scope and the account is 000000000000. The audit log, when configured, gets every control-plane call
 * (and data-plane calls if it asks for them). Thread-safe.
 */
final class KinesisAccess {

    static final Set<String> DATA_PLANE = Set.of("PutRecord", "PutRecords", "GetRecords", "GetShardIterator",
            "SubscribeToShard");

    private final SigV4Verifier verifier;
    private final CredentialsFile credentials;
    private final Authorizer authorizer;
    private final AuditLog audit;

    /** {@code credentials} null: trust every caller. {@code audit} null: no audit log. */
    KinesisAccess(SigV4Verifier verifier, CredentialsFile credentials, Authorizer authorizer, AuditLog audit) {
        this.verifier = verifier;
        this.credentials = credentials;
        this.authorizer = authorizer;
        this.audit = audit;
    }

    static KinesisAccess open() {
        return new KinesisAccess(null, null, null, null);
    }

    Caller authenticate(ApiRequest request) {
        SignedRequest signed = signed(request);
        if (credentials == null) {
            Optional<CredentialScope> scope = SigV4Verifier.scope(signed);
            String region = scope.map(CredentialScope::region).filter(r -> !r.isBlank())
                    .orElse(RequestContext.DEFAULT_REGION);
            String key = scope.map(CredentialScope::accessKeyId).orElse(null);
            return new Caller(new RequestContext(RequestContext.DEFAULT_ACCOUNT, region), null,
                    AuditIdentity.unverified(key, RequestContext.DEFAULT_ACCOUNT));
        }
        VerifiedCaller verified = verifier.verify(signed).requireService("kinesis");
        var user = credentials.user(verified.credentials().accessKeyId()).orElseThrow();
        return new Caller(new RequestContext(user.account(), verified.region()), user.identity(),
                AuditIdentity.of(verified.credentials()));
    }

    /** AccessDeniedException unless the caller may run the operation on the resource the request names. */
    void authorize(Caller caller, String operation, WireObject input, IteratorToken iterator) {
        if (caller.identity() != null) {
            authorizer.authorize(caller.identity(), "kinesis:" + operation, resource(caller.context(), operation,
                    input, iterator));
        }
    }

    /** The ARN an operation acts on, as IAM names it: a stream, a consumer, or every stream of the account. */
    static String resource(RequestContext context, String operation, WireObject input, IteratorToken iterator) {
        String arn = input.string("ResourceARN");
        if (arn == null) {
            arn = input.string("ConsumerARN");
        }
        if (arn == null) {
            arn = input.string("StreamARN");
        }
        if (arn != null && (StreamArn.parseOrNull(arn) != null || ConsumerArn.parseOrNull(arn) != null)) {
            return arn;
        }
        String name = input.string("StreamName");
        if (name != null) {
            return new StreamArn(context.region(), context.account(), name).toString();
        }
        if (iterator != null && iterator.valid()) {
            return iterator.stream().arn().toString();
        }
        return "arn:aws:kinesis:" + context.region() + ":" + context.account() + ":stream/*";
    }

    void record(ApiRequest request, WireFormat format, Caller caller, String operation, String resourceAccount,
                byte[] responseBody, String errorCode, String errorMessage) {
        if (audit == null) {
            return;
        }
        boolean controlPlane = !DATA_PLANE.contains(operation);
        audit.record(new AuditEvent(operation, caller == null ? null : caller.context().region(),
                request.sourceIp(), request.header("user-agent"), caller == null ? null : caller.auditIdentity(),
                AuditPayload.of(format, request.body()),
                controlPlane && responseBody != null && errorCode == null ? AuditPayload.of(format, responseBody)
                        : null,
                errorCode, errorMessage, request.requestId(),
                resourceAccount != null ? resourceAccount : caller == null ? null : caller.context().account()));
    }

    private static SignedRequest signed(ApiRequest request) {
        String uri = request.uri();
        int query = uri.indexOf('?');
        return new SignedRequest(request.method(), query < 0 ? uri : uri.substring(0, query),
                query < 0 ? "" : uri.substring(query + 1), request.headers(), request.body());
    }
}
