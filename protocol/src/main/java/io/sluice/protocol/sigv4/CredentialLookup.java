package io.sluice.protocol.sigv4;

import java.util.Optional;

/** Finds the credentials an access key id stands for. Implementations must be thread-safe. */
@FunctionalInterface
public interface CredentialLookup {

    /** The credentials of this access key id; empty if the key is unknown. */
    Optional<SigningCredentials> find(String accessKeyId);
}
