package io.sluice.common;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An enhanced fan-out consumer's ARN:
 * {@code arn:aws:kinesis:<region>:<account>:stream/<stream>/consumer/<name>:<creation epoch seconds>}.
 */
public record ConsumerArn(StreamArn stream, String consumerName, long creationEpochSeconds) {

    private static final Pattern FORM = Pattern.compile(
            "(arn:aws[a-z-]*:kinesis:[^:]*:\\d{12}:stream/[a-zA-Z0-9_.-]+)/consumer/([a-zA-Z0-9_.-]+):(\\d{1,18})");

    /** Parses a consumer ARN; null if it is not one. */
    public static ConsumerArn parseOrNull(String arn) {
        Matcher m = FORM.matcher(arn);
        if (!m.matches()) {
            return null;
        }
        StreamArn stream = StreamArn.parseOrNull(m.group(1));
        return stream == null ? null : new ConsumerArn(stream, m.group(2), Long.parseLong(m.group(3)));
    }

    @Override
    public String toString() {
        return stream + "/consumer/" + consumerName + ":" + creationEpochSeconds;
    }
}
