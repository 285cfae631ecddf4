package io.sluice.common;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A stream's ARN: {@code arn:aws:kinesis:<region>:<account>:stream/<name>}. */
public record StreamArn(String region, String account, String streamName) {

    private static final Pattern FORM = Pattern.compile("arn:aws[a-z-]*:kinesis:([^:]*):(\\d{12}):stream/([^/\\s]+)");

    /** Parses a stream ARN; null if it is not one. */
    public static StreamArn parseOrNull(String arn) {
        Matcher m = FORM.matcher(arn);
        return m.matches() ? new StreamArn(m.group(1), m.group(2), m.group(3)) : null;
    }

    @Override
    public String toString() {
        return "arn:aws:kinesis:" + region + ":" + account + ":stream/" + streamName;
    }
}
