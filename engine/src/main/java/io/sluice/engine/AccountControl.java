package io.sluice.engine;

import io.sluice.common.ConsumerArn;
import io.sluice.common.ServiceException;
import io.sluice.common.StreamArn;

/**
 * The control plane of what belongs to accounts rather than to one stream: DescribeLimits, account settings
 * (Describe/UpdateAccountSettings) and resource policies on streams and consumers.
 *
 * <p>Threading: thread-safe; see {@link AccountStore} and {@link Quotas}.
 */
public final class AccountControl {

    private final StreamRegistry streams;
    private final ConsumerControl consumers;
    private final AccountStore accounts;
    private final Quotas quotas;

    AccountControl(StreamRegistry streams, ConsumerControl consumers, AccountStore accounts, Quotas quotas) {
        this.streams = streams;
        this.consumers = consumers;
        this.accounts = accounts;
        this.quotas = quotas;
    }

    public AccountLimits limits(String account, String region) {
        return quotas.describe(account, region);
    }

    public AccountSettings settings(String account) {
        return accounts.settings(account);
    }

    /** UpdateAccountSettings; {@code enableCommitment} is the request's minimum throughput billing commitment. */
    public AccountSettings updateSettings(String account, boolean enableCommitment) {
        return accounts.updateSettings(account, enableCommitment);
    }

    /** Stores a resource policy (already checked by the caller) on an existing stream or consumer, by its ARN. */
    public void putPolicy(String resourceArn, String policy) {
        accounts.putPolicy(resourceKey(resourceArn), policy);
    }

    /** The resource policy of a stream or consumer, or null if it has none. */
    public String policy(String resourceArn) {
        return accounts.policy(resourceKey(resourceArn));
    }

    public void deletePolicy(String resourceArn) {
        accounts.deletePolicy(resourceKey(resourceArn));
    }

    /** The canonical ARN of an existing stream or consumer; ResourceNotFoundException otherwise. */
    private String resourceKey(String resourceArn) {
        if (ConsumerArn.parseOrNull(resourceArn) != null) {
            return consumers.consumer(resourceArn, null, null).arn().toString();
        }
        StreamArn arn = StreamArn.parseOrNull(resourceArn);
        if (arn == null) {
            throw ServiceException.notFound("Resource " + resourceArn + " not found.");
        }
        return streams.existing(new StreamKey(arn.account(), arn.region(), arn.streamName())).meta().key().arn()
                .toString();
    }
}
