package io.sluice.cli.bench;

/**
 * The AWS credentials requests are signed with.
 *
 * @param sessionToken null for long-term keys
 */
record Credentials(String accessKeyId, String secretAccessKey, String sessionToken) {

    Credentials {
        if (accessKeyId == null || accessKeyId.isBlank() || secretAccessKey == null || secretAccessKey.isBlank()) {
            throw new IllegalArgumentException("an access key id and a secret access key are required");
        }
        if (sessionToken != null && sessionToken.isBlank()) {
            sessionToken = null;
        }
    }

    /** Keeps the secret and the token out of logs and reports. */
    @Override
    public String toString() {
        return "Credentials[" + accessKeyId + "]";
    }
}
