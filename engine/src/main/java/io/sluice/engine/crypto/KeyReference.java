package io.sluice.engine.crypto;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The forms of a KMS key reference that Kinesis accepts as a {@code KeyId}, reduced to one canonical name per
 * key. Stateless and thread-safe.
 *
 * <table>
 *   <caption>Accepted forms and their canonical name</caption>
 *   <tr><th>Form</th><th>Example</th><th>Canonical</th></tr>
 *   <tr><td>key id</td><td>{@code 1234ABCD-12ab-34cd-56ef-1234567890ab}</td>
 *       <td>{@code 1234abcd-12ab-34cd-56ef-1234567890ab}</td></tr>
 *   <tr><td>key ARN</td><td>{@code arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab}</td>
 *       <td>{@code 1234abcd-12ab-34cd-56ef-1234567890ab}</td></tr>
 *   <tr><td>alias</td><td>{@code alias/aws/kinesis}</td><td>{@code alias/aws/kinesis}</td></tr>
 *   <tr><td>alias ARN</td><td>{@code arn:aws:kms:us-east-1:111122223333:alias/aws/kinesis}</td>
 *       <td>{@code alias/aws/kinesis}</td></tr>
 * </table>
 *
 * <p>Key ids are lower-cased because a UUID names the same key in either case; alias names keep their case
 * because KMS alias names are case-sensitive. The partition, region and account of an ARN are not part of the
 * canonical name: the local keystore serves every region and account alike.
 */
final class KeyReference {

    private static final String KEY_ID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";
    // KMS: an alias is at most 256 characters, "alias/" included, of letters, digits, '/', '_' and '-'.
    private static final String ALIAS = "alias/[a-zA-Z0-9/_-]{1,250}";
    private static final String ARN_PREFIX = "arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:";
    private static final Pattern FORM = Pattern.compile(
            ARN_PREFIX + "key/(?<keyArnId>" + KEY_ID + ")"
                    + "|(?:" + ARN_PREFIX + ")?(?<alias>" + ALIAS + ")"
                    + "|(?<keyId>" + KEY_ID + ")");

    private KeyReference() {
    }

    /** The canonical name of a reference in an accepted form, or empty if it is in none of them. */
    static Optional<String> canonical(String reference) {
        Matcher form = FORM.matcher(reference);
        if (!form.matches()) {
            return Optional.empty();
        }
        if (form.group("alias") != null) {
            return Optional.of(form.group("alias"));
        }
        String keyId = form.group("keyArnId") != null ? form.group("keyArnId") : form.group("keyId");
        return Optional.of(keyId.toLowerCase(Locale.ROOT));
    }

    static boolean isAlias(String canonical) {
        return canonical.startsWith("alias/");
    }
}
