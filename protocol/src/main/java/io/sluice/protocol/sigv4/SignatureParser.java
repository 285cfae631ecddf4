package io.sluice.protocol.sigv4;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads the signing parameters of a request, in either of SigV4's two forms:
 * <pre>
 * Authorization: AWS4-HMAC-SHA256 Credential=&lt;key&gt;/&lt;date&gt;/&lt;region&gt;/&lt;service&gt;/aws4_request,
 *                SignedHeaders=&lt;h1;h2;...&gt;, Signature=&lt;hex&gt;
 *   (+ X-Amz-Date or Date, and X-Amz-Security-Token for temporary credentials)
 *
 * ?X-Amz-Algorithm=AWS4-HMAC-SHA256&amp;X-Amz-Credential=...&amp;X-Amz-Date=...&amp;X-Amz-SignedHeaders=...
 *  &amp;X-Amz-Signature=...[&amp;X-Amz-Expires=&lt;seconds&gt;][&amp;X-Amz-Security-Token=...]
 * </pre>
 * Anything malformed is refused with the AWS error and message for it. Stateless.
 */
final class SignatureParser {

    static final String SIGNATURE_PARAMETER = "X-Amz-Signature";
    static final String TOKEN_HEADER = "x-amz-security-token";
    /** AWS's longest presigned validity: 7 days. */
    static final long MAX_EXPIRES_SECONDS = 604_800;

    private static final Pattern PARAMETER_SEPARATORS = Pattern.compile("[,\\s]+");
    private static final Pattern WHITESPACE = Pattern.compile("\\s");
    private static final List<String> HEADER_PARAMETERS = List.of("Credential", "Signature", "SignedHeaders");
    private static final List<String> QUERY_PARAMETERS = List.of("X-Amz-Algorithm", "X-Amz-Credential",
            SIGNATURE_PARAMETER, "X-Amz-SignedHeaders", "X-Amz-Date");

    private SignatureParser() {
    }

    static SignatureParts parse(SignedRequest request, QueryString query) {
        String authorization = authorization(request);
        boolean presigned = query.get("X-Amz-Algorithm") != null;
        if (authorization != null && presigned) {
            throw AuthErrors.invalid("Found both 'X-Amz-Algorithm' as a query-string param and 'Authorization' as "
                    + "HTTP header.");
        }
        if (authorization != null) {
            return fromHeader(authorization, request);
        }
        if (presigned) {
            return fromQuery(query);
        }
        throw AuthErrors.missingToken();
    }

    /** The raw {@code Credential} of either form, without checking anything else; null if there is none. */
    static String credential(SignedRequest request, QueryString query) {
        String authorization = authorization(request);
        return authorization != null ? headerParameters(authorization).get("Credential") : query.get("X-Amz-Credential");
    }

    private static SignatureParts fromHeader(String authorization, SignedRequest request) {
        Map<String, String> parameters = headerParameters(authorization);
        StringBuilder missing = new StringBuilder();
        for (String name : HEADER_PARAMETERS) {
            if (parameters.getOrDefault(name, "").isEmpty()) {
                missing.append("Authorization header requires '").append(name).append("' parameter. ");
            }
        }
        String amzDate = request.header("x-amz-date");
        String date = request.header("date");
        if (amzDate == null && date == null) {
            missing.append("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. ");
        }
        if (!missing.isEmpty()) {
            throw AuthErrors.incomplete(missing + "Authorization=" + authorization);
        }
        requireAlgorithm(algorithm(authorization));
        CredentialScope scope = CredentialScope.parse(parameters.get("Credential"));
        List<String> signedHeaders = signedHeaders(parameters.get("SignedHeaders"));
        RequestTime time = amzDate != null ? RequestTime.parseAmzDate(amzDate) : RequestTime.parseDate(date);
        if (time == null) {
            throw AuthErrors.incomplete("Date must be in ISO-8601 'basic format'. Got '"
                    + (amzDate != null ? amzDate : date) + "'. See http://en.wikipedia.org/wiki/ISO_8601");
        }
        String token = request.header(TOKEN_HEADER);
        if (token != null && !signedHeaders.contains(TOKEN_HEADER)) {
            throw AuthErrors.incomplete("'X-Amz-Security-Token' must be a 'SignedHeader' in the AWS Authorization.");
        }
        return new SignatureParts(scope, signedHeaders, parameters.get("Signature"), time, RequestTime.SKEW, token,
                false);
    }

    private static SignatureParts fromQuery(QueryString query) {
        StringBuilder missing = new StringBuilder();
        for (String name : QUERY_PARAMETERS) {
            String value = query.get(name);
            if (value == null || value.isEmpty()) {
                missing.append("AWS query-string parameters must include '").append(name).append("'. ");
            }
        }
        if (!missing.isEmpty()) {
            throw AuthErrors.incomplete(missing + "Re-examine the query-string parameters.");
        }
        requireAlgorithm(query.get("X-Amz-Algorithm"));
        CredentialScope scope = CredentialScope.parse(query.get("X-Amz-Credential"));
        List<String> signedHeaders = signedHeaders(query.get("X-Amz-SignedHeaders"));
        RequestTime time = RequestTime.parseAmzDate(query.get("X-Amz-Date"));
        if (time == null) {
            throw AuthErrors.incomplete("X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\"");
        }
        return new SignatureParts(scope, signedHeaders, query.get(SIGNATURE_PARAMETER), time,
                expires(query.get("X-Amz-Expires")), query.get("X-Amz-Security-Token"), true);
    }

    private static String authorization(SignedRequest request) {
        String value = request.header("authorization");
        return value == null || value.isBlank() ? null : value;
    }

    private static String algorithm(String authorization) {
        String trimmed = authorization.strip();
        return WHITESPACE.split(trimmed, 2)[0];
    }

    /** The {@code name=value} pairs after the algorithm; the first of a repeated name counts. */
    private static Map<String, String> headerParameters(String authorization) {
        Map<String, String> parameters = new HashMap<>();
        String[] tokens = PARAMETER_SEPARATORS.split(authorization.strip());
        for (int i = 1; i < tokens.length; i++) {
            int eq = tokens[i].indexOf('=');
            if (eq > 0) {
                parameters.putIfAbsent(tokens[i].substring(0, eq), tokens[i].substring(eq + 1));
            }
        }
        return parameters;
    }

    private static void requireAlgorithm(String algorithm) {
        if (!SignatureCalculator.ALGORITHM.equals(algorithm)) {
            throw AuthErrors.incomplete("Unsupported AWS 'algorithm': '" + algorithm + "'. Only '"
                    + SignatureCalculator.ALGORITHM + "' is supported.");
        }
    }

    private static List<String> signedHeaders(String value) {
        List<String> names = List.of(value.split(";", -1));
        if (!names.contains("host")) {
            throw AuthErrors.incomplete("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
        }
        return names;
    }

    private static Duration expires(String value) {
        if (value == null) {
            return RequestTime.SKEW;
        }
        try {
            long seconds = Long.parseLong(value);
            if (seconds >= 1 && seconds <= MAX_EXPIRES_SECONDS) {
                return Duration.ofSeconds(seconds);
            }
        } catch (NumberFormatException e) {
            // refused below, like any other value out of range
        }
        throw AuthErrors.incomplete("X-Amz-Expires must be a whole number of seconds from 1 to "
                + MAX_EXPIRES_SECONDS + " (7 days), not '" + value + "'.");
    }
}
