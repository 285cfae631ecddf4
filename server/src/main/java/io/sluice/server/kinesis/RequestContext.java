package io.sluice.server.kinesis;

/**
 * Who is calling and where: the account (fixed until accounts arrive with authentication) and the region of the
 * request's signing scope.
 */
public record RequestContext(String account, String region) {

    public static final String DEFAULT_ACCOUNT = "000000000000";
    public static final String DEFAULT_REGION = "us-east-1";

    /** Reads the region from {@code Credential=<key>/<date>/<region>/<service>/aws4_request}; us-east-1 if absent. */
    public static RequestContext fromAuthorization(String authorization) {
        String region = DEFAULT_REGION;
        if (authorization != null) {
            int at = authorization.indexOf("Credential=");
            if (at >= 0) {
                int end = authorization.indexOf(',', at);
                String[] scope = authorization.substring(at + "Credential=".length(),
                        end < 0 ? authorization.length() : end).trim().split("/");
                if (scope.length >= 3 && !scope[2].isBlank()) {
                    region = scope[2];
                }
            }
        }
        return new RequestContext(DEFAULT_ACCOUNT, region);
    }
}
