package io.sluice.agent.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.agent.config.AgentConfig.StaticCredentials;
import java.util.Iterator;

/**
 * agent.json's credential keys: {@code awsAccessKeyId} with {@code awsSecretAccessKey}, or nothing (the AWS SDK's
 * default chain); assuming a role and user-defined provider classes are refused until supported. Stateless.
 */
final class CredentialKeys {

    static final String NOT_YET = "not supported yet: give awsAccessKeyId/awsSecretAccessKey or use the AWS SDK's "
            + "default credentials chain (environment, profile, instance role)";
    private static final String PROVIDER_PREFIX = "userDefinedCredentialsProvider.";

    private CredentialKeys() {
    }

    /** The static keys, or null for the default chain; problems go to {@code top}. */
    static StaticCredentials read(ObjectNode root, ConfigSection top) {
        top.refuse("assumeRoleARN", NOT_YET);
        top.refuse("assumeRoleExternalId", NOT_YET);
        top.refuse("assumeRoleDurationSeconds", NOT_YET);
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String key = names.next();
            if (key.startsWith(PROVIDER_PREFIX)) {
                top.refuse(key, "custom credentials provider classes are " + NOT_YET);
            }
        }
        String accessKey = top.string("awsAccessKeyId", null);
        String secretKey = top.string("awsSecretAccessKey", null);
        if ((accessKey == null) != (secretKey == null)) {
            top.problem(accessKey == null ? "awsAccessKeyId" : "awsSecretAccessKey",
                    "missing: awsAccessKeyId and awsSecretAccessKey go together");
            return null;
        }
        return accessKey == null ? null : new StaticCredentials(accessKey, secretKey);
    }
}
