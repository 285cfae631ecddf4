package io.sluice.protocol.sigv4;

import java.util.regex.Pattern;

/**
 * The credential scope of a signature, {@code <access key id>/<yyyymmdd>/<region>/<service>/aws4_request}.
 * Region and service are restricted to lower-case letters, digits and dashes: the region becomes part of stream
 * identities, ARNs and directory names, so nothing else may pass. Immutable.
 */
public record CredentialScope(String accessKeyId, String date, String region, String service) {

    static final String TERMINATOR = "aws4_request";
    private static final Pattern DATE = Pattern.compile("\\d{8}");
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    /** The scope as it appears in the string to sign: everything after the access key id. */
    String scopeLine() {
        return date + "/" + region + "/" + service + "/" + TERMINATOR;
    }

    /**
     * Parses the value of {@code Credential=} (or of the {@code X-Amz-Credential} query parameter).
     *
     * @throws io.sluice.common.ServiceException IncompleteSignatureException for a malformed scope,
     *                                           InvalidSignatureException for a region or service name that
     *                                           cannot exist
     */
    static CredentialScope parse(String credential) {
        String[] parts = credential.split("/", -1);
        if (parts.length != 5) {
            throw AuthErrors.incomplete("Credential must have exactly 5 slash-delimited elements, "
                    + "e.g. keyid/date/region/service/term, got '" + credential + "'");
        }
        if (!TERMINATOR.equals(parts[4])) {
            throw AuthErrors.incomplete("Credential should be scoped with a valid terminator: 'aws4_request', not '"
                    + parts[4] + "'.");
        }
        if (parts[0].isEmpty()) {
            throw AuthErrors.incomplete("Credential must name an access key id, got '" + credential + "'");
        }
        if (!DATE.matcher(parts[1]).matches()) {
            throw AuthErrors.incomplete("Credential should be scoped to a date in YYYYMMDD form, not '"
                    + parts[1] + "'.");
        }
        if (!NAME.matcher(parts[2]).matches()) {
            throw AuthErrors.invalid("Credential should be scoped to a valid region, not '" + parts[2] + "'.");
        }
        if (!NAME.matcher(parts[3]).matches()) {
            throw AuthErrors.invalid("Credential should be scoped to a valid service, not '" + parts[3] + "'.");
        }
        return new CredentialScope(parts[0], parts[1], parts[2], parts[3]);
    }
}
