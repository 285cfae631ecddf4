package io.sluice.server.auth;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.sluice.common.ServiceException;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads the policy grammar documented on {@link Policy}. Stateless and thread-safe. */
final class PolicyParser {

    private static final Set<String> VERSIONS = Set.of("2012-10-17", "2008-10-17");
    private static final Set<String> DOCUMENT_KEYS = Set.of("Version", "Id", "Statement");
    private static final Set<String> STATEMENT_KEYS = Set.of("Sid", "Effect", "Action", "NotAction", "Resource",
            "NotResource", "Principal", "NotPrincipal", "Condition");
    private static final Set<String> OTHER_PRINCIPAL_TYPES = Set.of("Service", "Federated", "CanonicalUser");
    private static final Pattern ACTION = Pattern.compile("\\*|[A-Za-z0-9-]+:[A-Za-z0-9*?]+");
    private static final Pattern RESOURCE = Pattern.compile("\\*|arn:[^:]*:[^:]*:[^:]*:[^:]*:.+");
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    private static final Pattern ROOT = Pattern.compile("arn:aws[a-z-]*:iam::(\\d{12}):root");
    private static final Pattern IAM_ARN = Pattern.compile("arn:aws[a-z-]*:(iam|sts)::\\d{12}:[A-Za-z-]+/.+");
    /** Policies nest three levels deep; anything deeper is not a policy and only costs stack. */
    private static final int MAX_DEPTH = 16;
    // Duplicate keys are refused: {"Effect":"Allow","Effect":"Deny"} must not mean whichever a parser keeps.
    private static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
                    .build())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private PolicyParser() {
    }

    static Policy parse(String json) {
        JsonNode document;
        try {
            document = JSON.readTree(json);
        } catch (JacksonException e) {
            throw invalid("the policy is not valid JSON (" + e.getOriginalMessage() + ")");
        }
        if (document == null || !document.isObject()) {
            throw invalid("the policy must be a JSON object");
        }
        requireKnownKeys(document, DOCUMENT_KEYS, "the policy");
        JsonNode version = document.get("Version");
        if (version != null && !(version.isTextual() && VERSIONS.contains(version.textValue()))) {
            throw invalid("Version must be 2012-10-17 or 2008-10-17");
        }
        JsonNode statements = document.get("Statement");
        if (statements == null || (statements.isArray() && statements.isEmpty())) {
            throw invalid("the policy needs at least one Statement");
        }
        List<Statement> parsed = new ArrayList<>();
        for (JsonNode statement : statements.isArray() ? statements : List.of(statements)) {
            parsed.add(statement(statement));
        }
        return new Policy(parsed);
    }

    static ServiceException invalid(String why) {
        return ServiceException.invalidArgument("Invalid policy: " + why + ".");
    }

    private static Statement statement(JsonNode node) {
        if (!node.isObject()) {
            throw invalid("each Statement must be an object");
        }
        requireKnownKeys(node, STATEMENT_KEYS, "a Statement");
        if (node.has("Condition")) {
            throw invalid("Condition is not supported by Sluice; a policy with conditions would grant more than "
                    + "it says, so remove the Condition or express it with separate statements");
        }
        String sid = node.has("Sid") ? text(node.get("Sid"), "Sid") : null;
        Effect effect = switch (node.path("Effect").asText("")) {
            case "Allow" -> Effect.ALLOW;
            case "Deny" -> Effect.DENY;
            default -> throw invalid("Effect must be Allow or Deny");
        };
        NamePatterns actions = patterns(node, "Action", "NotAction", ACTION, true);
        NamePatterns resources = patterns(node, "Resource", "NotResource", RESOURCE, false);
        if (node.has("Principal") && node.has("NotPrincipal")) {
            throw invalid("a Statement may have Principal or NotPrincipal, not both");
        }
        boolean notPrincipal = node.has("NotPrincipal");
        JsonNode principal = notPrincipal ? node.get("NotPrincipal") : node.get("Principal");
        return new Statement(sid, effect, actions, resources, principal == null ? null : principals(principal),
                notPrincipal);
    }

    private static NamePatterns patterns(JsonNode statement, String name, String negatedName, Pattern form,
                                         boolean ignoreCase) {
        if (statement.has(name) == statement.has(negatedName)) {
            throw invalid("each Statement needs exactly one of " + name + " and " + negatedName);
        }
        boolean negated = statement.has(negatedName);
        String element = negated ? negatedName : name;
        List<String> values = strings(statement.get(element), element);
        for (String value : values) {
            if (!form.matcher(value).matches()) {
                throw invalid(element + " '" + value + "' is not " + (ignoreCase ? "'*' or service:Action"
                        : "'*' or an ARN"));
            }
        }
        return new NamePatterns(values, negated, ignoreCase);
    }

    private static Principals principals(JsonNode node) {
        if (node.isTextual() && node.textValue().equals("*")) {
            return new Principals(true, Set.of(), Set.of());
        }
        if (!node.isObject() || node.isEmpty()) {
            throw invalid("a Principal must be \"*\" or an object such as {\"AWS\": \"111122223333\"}");
        }
        boolean everyone = false;
        Set<String> accounts = new HashSet<>();
        Set<String> arns = new HashSet<>();
        for (Iterator<String> types = node.fieldNames(); types.hasNext(); ) {
            String type = types.next();
            List<String> values = strings(node.get(type), "Principal " + type);
            if (OTHER_PRINCIPAL_TYPES.contains(type)) {
                continue;
            }
            if (!type.equals("AWS")) {
                throw invalid("unknown principal type " + type);
            }
            for (String value : values) {
                var root = ROOT.matcher(value);
                if (value.equals("*")) {
                    everyone = true;
                } else if (ACCOUNT.matcher(value).matches()) {
                    accounts.add(value);
                } else if (root.matches()) {
                    accounts.add(root.group(1));
                } else if (IAM_ARN.matcher(value).matches()) {
                    arns.add(value);
                } else {
                    throw invalid("principal '" + value + "' is not an account id or an IAM ARN");
                }
            }
        }
        return new Principals(everyone, accounts, arns);
    }

    /** A string or a non-empty array of strings. */
    private static List<String> strings(JsonNode node, String element) {
        if (node.isTextual()) {
            return List.of(node.textValue());
        }
        if (!node.isArray() || node.isEmpty()) {
            throw invalid(element + " must be a string or a non-empty list of strings");
        }
        List<String> values = new ArrayList<>(node.size());
        for (JsonNode item : node) {
            values.add(text(item, element));
        }
        return values;
    }

    private static String text(JsonNode node, String element) {
        if (!node.isTextual()) {
            throw invalid(element + " must be a string");
        }
        return node.textValue();
    }

    private static void requireKnownKeys(JsonNode node, Set<String> known, String what) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw invalid(what + " has an unknown element " + name);
            }
        }
    }
}
