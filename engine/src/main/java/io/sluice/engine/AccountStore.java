package io.sluice.engine;

import io.sluice.common.Clock;
import io.sluice.engine.store.MetaStore;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What belongs to accounts and resources rather than to streams' data: account settings under
 * {@code account:<account id>} and resource policies under {@code policy:<resource ARN>} in the metadata store.
 * Callers check that resources exist. Thread-safe: settings changes (read, then persist) are atomic metadata
 * changes serialised on a {@link ReentrantLock}, not a monitor, since the persist blocks; the store does the rest.
 */
final class AccountStore {

    private static final String POLICY_PREFIX = "policy:";
    private static final String ACCOUNT_PREFIX = "account:";

    private final MetaStore metadata;
    private final MetaChanges changes;
    private final Clock clock;
    private final ReentrantLock settingsChanges = new ReentrantLock();

    AccountStore(MetaStore metadata, MetaChanges changes, Clock clock) {
        this.metadata = metadata;
        this.changes = changes;
        this.clock = clock;
    }

    AccountSettings settings(String account) {
        String key = ACCOUNT_PREFIX + account;
        byte[] stored = metadata.get(key);
        return (stored == null ? AccountSettings.none() : AccountSettings.decode(key, stored)).at(clock.millis());
    }

    AccountSettings updateSettings(String account, boolean enableCommitment) {
        return changes.run(settingsChanges, () -> {
            AccountSettings next = settings(account).request(enableCommitment, clock.millis());
            Io.run(() -> metadata.put(ACCOUNT_PREFIX + account, next.encode()));
            return next;
        });
    }

    void putPolicy(String resourceArn, String policy) {
        Io.run(() -> metadata.put(POLICY_PREFIX + resourceArn, policy.getBytes(StandardCharsets.UTF_8)));
    }

    /** The policy on a resource, or null. */
    String policy(String resourceArn) {
        byte[] policy = metadata.get(POLICY_PREFIX + resourceArn);
        return policy == null ? null : new String(policy, StandardCharsets.UTF_8);
    }

    void deletePolicy(String resourceArn) {
        Io.run(() -> metadata.delete(POLICY_PREFIX + resourceArn));
    }
}
