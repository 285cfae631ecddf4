package io.sluice.protocol.sigv4;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Signs a request with the verifier's own arithmetic, for the few forms the AWS SDK never produces (a {@code Date}
 * header instead of {@code X-Amz-Date}, a declared payload hash). The arithmetic itself is pinned by AWS's
 * published vectors in {@link AwsTestVectorTest}.
 */
final class ReferenceSigning {

    private ReferenceSigning() {
    }

    static SignedRequest signHeaders(SignedRequest request, String secret, CredentialScope scope, String time,
                                     List<String> signedHeaders) {
        String payloadHash = request.header("x-amz-content-sha256") != null
                ? request.header("x-amz-content-sha256") : SignatureCalculator.sha256Hex(request.body());
        String canonical = CanonicalRequest.build(request.method(), request.path(),
                QueryString.parse(request.rawQuery()).canonical(null), request.headers(), signedHeaders, payloadHash);
        String signature = SignatureCalculator.signature(secret, scope,
                SignatureCalculator.stringToSign(time, scope, canonical));
        Map<String, String> headers = new HashMap<>(request.headers());
        headers.put("authorization", "AWS4-HMAC-SHA256 Credential=" + scope.accessKeyId() + "/" + scope.scopeLine()
                + ", SignedHeaders=" + String.join(";", signedHeaders) + ", Signature=" + signature);
        return new SignedRequest(request.method(), request.path(), request.rawQuery(), headers, request.body());
    }
}
