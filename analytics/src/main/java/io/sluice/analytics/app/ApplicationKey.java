package io.sluice.analytics.app;

import java.util.Objects;

/** Names an application: its account, region and name (unique within them). Immutable. */
public record ApplicationKey(String account, String region, String name) {

    public ApplicationKey {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(name, "name");
    }

    /** {@code arn:aws:kinesisanalytics:<region>:<account>:application/<name>}. */
    public String arn() {
        return "arn:aws:kinesisanalytics:" + region + ":" + account + ":application/" + name;
    }

    /** The key an application ARN names, or null when {@code arn} is not one. */
    public static ApplicationKey parseArnOrNull(String arn) {
        if (arn == null) {
            return null;
        }
        String[] parts = arn.split(":", 6);
        if (parts.length != 6 || !parts[0].equals("arn") || !parts[2].equals("kinesisanalytics")
                || !parts[5].startsWith("application/") || parts[5].length() == "application/".length()) {
            return null;
        }
        return new ApplicationKey(parts[4], parts[3], parts[5].substring("application/".length()));
    }
}
