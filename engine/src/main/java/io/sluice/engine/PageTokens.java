package io.sluice.engine;

import io.sluice.common.ErrorType;
import io.sluice.common.ServiceException;

/**
 * Seals and opens the pagination tokens of ListStreams, ListShards and ListStreamConsumers: signed, and valid for
 * a limited time (AWS: 5 minutes). Thread-safe.
 */
final class PageTokens {

    private final TokenSigner signer;
    private final long ttlMillis;

    PageTokens(TokenSigner signer, long ttlMillis) {
        this.signer = signer;
        this.ttlMillis = ttlMillis;
    }

    String seal(byte[] payload) {
        return signer.seal(payload);
    }

    /** InvalidArgument for a token that is not ours, ExpiredNextToken for one too old. */
    PageToken open(String nextToken, long now) {
        byte[] payload = signer.open(nextToken);
        PageToken token = payload == null ? null : PageToken.decodeOrNull(payload);
        if (token == null) {
            throw ServiceException.invalidArgument("Invalid NextToken.");
        }
        if (now - token.issuedAt() > ttlMillis) {
            throw new ServiceException(ErrorType.EXPIRED_NEXT_TOKEN, "The NextToken has expired. NextTokens are "
                    + "valid for " + ttlMillis / 1000 + " seconds.");
        }
        return token;
    }
}
