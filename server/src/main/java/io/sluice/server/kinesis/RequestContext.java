package io.sluice.server.kinesis;

import io.sluice.server.pipeline.Permissions;

import java.util.Objects;

/**
 * Who is calling and where: the account and the region of the request's signing scope, and what the caller may
 * do on other resources (checked by actions that act on them for the caller). Immutable.
 */
public record RequestContext(String account, String region, Permissions permissions) {

    public static final String DEFAULT_ACCOUNT = "000000000000";
    public static final String DEFAULT_REGION = "us-east-1";

    public RequestContext {
        Objects.requireNonNull(permissions, "permissions");
    }

    /** A context whose caller may do anything (a server without a credentials file, tests). */
    public RequestContext(String account, String region) {
        this(account, region, Permissions.ALL);
    }
}
