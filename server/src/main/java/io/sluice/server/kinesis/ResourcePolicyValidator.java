package io.sluice.server.kinesis;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.common.ServiceException;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * Checks a resource policy document the way PutResourcePolicy must before storing it: valid JSON, a known
 * Version, one or more statements each with Effect, Principal and Action (or NotAction) naming Kinesis actions,
 * and at most 20 KiB. Stateless and thread-safe.
 */
final class ResourcePolicyValidator {

    static final int MAX_POLICY_BYTES = 20 * 1024;
    private static final Set<String> VERSIONS = Set.of("2012-10-17", "2008-10-17");
    private static final ObjectMapper JSON = new ObjectMapper();

    private ResourcePolicyValidator() {
    }

    static void validate(String policy) {
        if (policy.getBytes(StandardCharsets.UTF_8).length > MAX_POLICY_BYTES) {
            throw invalid("the policy is larger than " + MAX_POLICY_BYTES + " bytes");
        }
        JsonNode document;
        try {
            document = JSON.readTree(policy);
        } catch (JacksonException e) {
            throw invalid("the policy is not valid JSON");
        }
        if (document == null || !document.isObject()) {
            throw invalid("the policy must be a JSON object");
        }
        JsonNode version = document.get("Version");
        if (version != null && !VERSIONS.contains(version.asText())) {
            throw invalid("unknown Version " + version.asText());
        }
        JsonNode statements = document.get("Statement");
        if (statements == null || (statements.isArray() && statements.isEmpty())) {
            throw invalid("the policy needs at least one Statement");
        }
        for (JsonNode statement : statements.isArray() ? statements : List.of(statements)) {
            checkStatement(statement);
        }
    }

    private static void checkStatement(JsonNode statement) {
        if (!statement.isObject()) {
            throw invalid("each Statement must be an object");
        }
        String effect = statement.path("Effect").asText();
        if (!effect.equals("Allow") && !effect.equals("Deny")) {
            throw invalid("Effect must be Allow or Deny");
        }
        if (!statement.has("Principal") && !statement.has("NotPrincipal")) {
            throw invalid("a resource policy statement needs a Principal");
        }
        JsonNode actions = statement.has("Action") ? statement.get("Action") : statement.get("NotAction");
        if (actions == null) {
            throw invalid("each Statement needs an Action or NotAction");
        }
        for (JsonNode action : actions.isArray() ? actions : List.of(actions)) {
            String name = action.asText();
            if (!name.equals("*") && !name.startsWith("kinesis:")) {
                throw invalid("action " + name + " is not a Kinesis action");
            }
        }
    }

    private static ServiceException invalid(String why) {
        return ServiceException.invalidArgument("Invalid policy: " + why + ".");
    }
}
