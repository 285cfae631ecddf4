package io.sluice.engine;

import java.util.Map;

/**
 * Lends the engine's {@link TagRules} (the reserved {@code aws:} prefix, the characters AWS allows) to Firehose,
 * so that delivery streams follow the same rules as streams and consumers. It lives in this package because
 * TagRules is package-private; once TagRules is public, Firehose calls it directly and this class goes.
 *
 * <p>Stateless.
 */
public final class FirehoseTags {

    private FirehoseTags() {
    }

    /**
     * Refuses tags that break AWS's rules with InvalidArgumentException. The count limit is the caller's: Firehose
     * answers it with LimitExceededException, where Kinesis says InvalidArgumentException.
     */
    public static void check(String account, String region, String deliveryStream, Map<String, String> tags) {
        TagRules.add(new StreamKey(account, region, deliveryStream), Map.of(), tags);
    }
}
