package io.sluice.server.auth;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.sluice.common.ServiceException;
import io.sluice.protocol.sigv4.CredentialLookup;
import io.sluice.protocol.sigv4.SigningCredentials;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The users an operator declares, read once at startup from a JSON file:
 * <pre>
 * {"users": [
 *   {"name": "alice",                       IAM user name: letters, digits and + = , . @ _ -, at most 64
 *    "accessKeyId": "AKIAIOSFODNN7EXAMPLE", letters, digits and . _ -, at most 128; unique in the file
 *    "secretAccessKey": "...",
 *    "account": "111122223333",             12 digits
 *    "sessionToken": null,                  optional; set, requests must present exactly this token
 *    "policies": [ {"Version": "2012-10-17", "Statement": [...]} ]}   optional identity-based policies
 * ]}
 * </pre>
 * A user's principal is {@code arn:aws:iam::<account>:user/<name>}. Anything else (unknown fields, duplicate key
 * ids, the same user twice, a policy Sluice cannot enforce) is refused with a message that names the file, the
 * user and the field, and never the secret. Immutable and thread-safe once loaded.
 */
public final class CredentialsFile implements CredentialLookup {

    private static final Logger LOG = LoggerFactory.getLogger(CredentialsFile.class);
    private static final Pattern NAME = Pattern.compile("[\\w+=,.@-]{1,64}");
    private static final Pattern KEY_ID = Pattern.compile("[\\w.-]{1,128}");
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    private static final Set<String> FILE_KEYS = Set.of("users");
    private static final Set<String> USER_KEYS = Set.of("name", "accessKeyId", "secretAccessKey", "account",
            "sessionToken", "policies");
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final Map<String, User> usersByKey;

    private CredentialsFile(Map<String, User> usersByKey) {
        this.usersByKey = Map.copyOf(usersByKey);
    }

    /**
     * Reads and validates the file.
     *
     * @throws IOException              if it cannot be read
     * @throws IllegalArgumentException if its content is not a valid credentials file
     */
    public static CredentialsFile load(Path path) throws IOException {
        String text = Files.readString(path);
        warnIfReadableByOthers(path);
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JacksonException e) {
            throw new IllegalArgumentException(path + ": not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(path + ": must be a JSON object with a \"users\" list");
        }
        requireKnownKeys(root, FILE_KEYS, path.toString());
        JsonNode users = root.get("users");
        if (users == null || !users.isArray() || users.isEmpty()) {
            throw new IllegalArgumentException(path + ": \"users\" must be a non-empty list");
        }
        Map<String, User> byKey = new HashMap<>();
        Set<String> principals = new HashSet<>();
        for (int i = 0; i < users.size(); i++) {
            User user = parseUser(users.get(i), path + ": users[" + i + "]");
            String where = path + ": users[" + i + "] (" + user.name() + ")";
            if (byKey.putIfAbsent(user.credentials().accessKeyId(), user) != null) {
                throw new IllegalArgumentException(where + ": accessKeyId " + user.credentials().accessKeyId()
                        + " is already used by another user");
            }
            if (!principals.add(user.principalArn())) {
                throw new IllegalArgumentException(where + ": user " + user.principalArn()
                        + " appears twice; a user has one entry");
            }
        }
        return new CredentialsFile(byKey);
    }

    @Override
    public Optional<SigningCredentials> find(String accessKeyId) {
        return user(accessKeyId).map(User::credentials);
    }

    /** The user an access key belongs to. */
    public Optional<User> user(String accessKeyId) {
        return Optional.ofNullable(usersByKey.get(accessKeyId));
    }

    private static User parseUser(JsonNode node, String where) {
        if (!node.isObject()) {
            throw new IllegalArgumentException(where + ": must be an object");
        }
        requireKnownKeys(node, USER_KEYS, where);
        String name = required(node, "name", NAME, where);
        where = where + " (" + name + ")";
        String keyId = required(node, "accessKeyId", KEY_ID, where);
        JsonNode secret = node.get("secretAccessKey");
        if (secret == null || !secret.isTextual() || secret.textValue().isEmpty()) {
            throw new IllegalArgumentException(where + ": secretAccessKey must be a non-empty string");
        }
        String account = required(node, "account", ACCOUNT, where);
        JsonNode token = node.get("sessionToken");
        if (token != null && !token.isNull() && !(token.isTextual() && !token.textValue().isEmpty())) {
            throw new IllegalArgumentException(where + ": sessionToken must be null or a non-empty string");
        }
        String arn = "arn:aws:iam::" + account + ":user/" + name;
        SigningCredentials credentials = new SigningCredentials(keyId, secret.textValue(),
                token == null || token.isNull() ? null : token.textValue(), account, arn);
        return new User(name, credentials, policies(node.get("policies"), where));
    }

    private static List<Policy> policies(JsonNode node, String where) {
        if (node == null) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new IllegalArgumentException(where + ": policies must be a list of policy documents");
        }
        List<Policy> policies = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            try {
                policies.add(Policy.parse(node.get(i).toString()).asIdentityPolicy());
            } catch (ServiceException e) {
                throw new IllegalArgumentException(where + ": policies[" + i + "]: " + e.getMessage());
            }
        }
        return policies;
    }

    private static String required(JsonNode node, String field, Pattern form, String where) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || !form.matcher(value.textValue()).matches()) {
            throw new IllegalArgumentException(where + ": " + field + " must match " + form.pattern() + ", got "
                    + (value == null ? "nothing" : value.toString()));
        }
        return value.textValue();
    }

    private static void requireKnownKeys(JsonNode node, Set<String> known, String where) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw new IllegalArgumentException(where + ": unknown field \"" + name + "\"; known fields are "
                        + known.stream().sorted().toList());
            }
        }
    }

    /** Secrets readable by every local user are a misconfiguration worth a warning, not a refusal. */
    private static void warnIfReadableByOthers(Path path) throws IOException {
        if (!Files.getFileStore(path).supportsFileAttributeView("posix")) {
            return;
        }
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path);
        if (permissions.contains(PosixFilePermission.OTHERS_READ) || permissions.contains(PosixFilePermission.GROUP_READ)) {
            LOG.warn("credentials file {} is readable by other users; restrict it with chmod 600", path);
        }
    }
}
