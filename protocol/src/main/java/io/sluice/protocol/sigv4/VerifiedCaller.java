package io.sluice.protocol.sigv4;

/** A caller whose signature checked out: its credentials and the region and service it signed for. Immutable. */
public record VerifiedCaller(SigningCredentials credentials, String region, String service) {

    /**
     * Refuses a signature made for another service (a Firehose signature replayed at Kinesis), with AWS's message.
     * The verifier cannot do this itself: one port serves several services, and only the caller knows from
     * {@code X-Amz-Target} which one a request is for.
     *
     * @throws io.sluice.common.ServiceException InvalidSignatureException if {@code expected} is not the scope's
     *                                           service
     */
    public VerifiedCaller requireService(String expected) {
        if (!service.equals(expected)) {
            throw AuthErrors.invalid("Credential should be scoped to correct service: '" + expected + "'. ");
        }
        return this;
    }
}
