package io.sluice.server.pipeline;

import io.sluice.common.ErrorType;
import io.sluice.common.ServiceException;
import io.sluice.protocol.sigv4.CredentialScope;
import io.sluice.protocol.sigv4.SigV4Verifier;
import io.sluice.protocol.sigv4.SignedRequest;
import io.sluice.protocol.sigv4.VerifiedCaller;
import io.sluice.server.auth.AuditIdentity;
import io.sluice.server.auth.Authorizer;
import io.sluice.server.auth.CredentialsFile;
import io.sluice.server.auth.Identity;
import io.sluice.server.http.ApiRequest;
import io.sluice.server.http.ApiResponse;
import io.sluice.server.kinesis.RequestContext;

import java.util.Optional;

/**
 * The first stage: who is calling, in which account and region. With a credentials file, every request must
 * carry a valid SigV4 signature of a known user, made for the API's signing name; the user's account and the
 * signing region are the call's. Without one (local development on loopback only), any signature is accepted, the
 * region comes from the signing scope and the account is 000000000000; but a request with no signature at all is
 * refused with MissingAuthenticationTokenException, as AWS refuses it, unless the server allows unsigned calls
 * ({@code auth.allow-unsigned}). Thread-safe.
 */
final class Authentication implements Stage {

    private final SigV4Verifier verifier;
    private final CredentialsFile credentials;
    private final Authorizer authorizer;
    private final boolean allowUnsigned;

    /** {@code credentials} null: an open server, and then {@code verifier} and {@code authorizer} are null too. */
    Authentication(SigV4Verifier verifier, CredentialsFile credentials, Authorizer authorizer,
                   boolean allowUnsigned) {
        if ((credentials == null) != (verifier == null) || (credentials == null) != (authorizer == null)) {
            throw new IllegalArgumentException("a verifier and an authorizer go with a credentials file");
        }
        this.verifier = verifier;
        this.credentials = credentials;
        this.authorizer = authorizer;
        this.allowUnsigned = allowUnsigned;
    }

    @Override
    public ApiResponse serve(ApiCall call, ApiHandler next) {
        call.authenticated(authenticate(call.request(), call.api().signingName()));
        return next.serve(call);
    }

    Caller authenticate(ApiRequest request, String signingName) {
        SignedRequest signed = signed(request);
        if (credentials != null) {
            VerifiedCaller verified = verifier.verify(signed).requireService(signingName);
            var user = credentials.user(verified.credentials().accessKeyId()).orElseThrow();
            Identity identity = user.identity();
            return new Caller(new RequestContext(user.account(), verified.region(),
                    (action, arn) -> authorizer.authorize(identity, action, arn)), identity,
                    AuditIdentity.of(verified.credentials()));
        }
        Optional<CredentialScope> scope = SigV4Verifier.scope(signed);
        if (!allowUnsigned && request.authorization() == null && scope.isEmpty()) {
            throw new ServiceException(ErrorType.MISSING_AUTHENTICATION_TOKEN, "Missing Authentication Token");
        }
        String region = scope.map(CredentialScope::region).filter(r -> !r.isBlank())
                .orElse(RequestContext.DEFAULT_REGION);
        String key = scope.map(CredentialScope::accessKeyId).orElse(null);
        return new Caller(new RequestContext(RequestContext.DEFAULT_ACCOUNT, region), null,
                AuditIdentity.unverified(key, RequestContext.DEFAULT_ACCOUNT));
    }

    private static SignedRequest signed(ApiRequest request) {
        String uri = request.uri();
        int query = uri.indexOf('?');
        return new SignedRequest(request.method(), query < 0 ? uri : uri.substring(0, query),
                query < 0 ? "" : uri.substring(query + 1), request.headers(), request.body());
    }
}
