package io.sluice.mappings.poll;

import io.sluice.common.ServiceException;
import io.sluice.engine.IteratorType;
import io.sluice.engine.KinesisEngine;
import io.sluice.engine.ShardSubscription;
import io.sluice.engine.SubscriptionEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a shard through an enhanced fan-out consumer (SubscribeToShard through the engine), for a mapping whose
 * source is a consumer ARN. A subscription lives 5 minutes; when it ends the next read subscribes again from the
 * last continuation. A refused subscription (the consumer is not ACTIVE yet, or an older subscription of the
 * consumer to the shard still holds it) is tried again at the next read.
 *
 * <p><b>Threading</b>: confined to the mapping's task thread.
 */
final class FanOutShardSource implements ShardSource {

    private static final Logger LOG = LoggerFactory.getLogger(FanOutShardSource.class);

    private final KinesisEngine engine;
    private final String consumerArn;
    private final String shardId;
    private final Checkpoint start;
    private String continuation;
    private ShardSubscription subscription;

    FanOutShardSource(KinesisEngine engine, String consumerArn, String shardId, Checkpoint start) {
        this.engine = engine;
        this.consumerArn = consumerArn;
        this.shardId = shardId;
        this.start = start;
    }

    @Override
    public Read read(int max) {
        try {
            if (subscription == null) {
                subscription = subscribe();
            }
            SubscriptionEvent event = subscription.next(0);
            if (event == null) {
                subscription = null;
                return Read.NOTHING;
            }
            if (event.continuation() != null) {
                continuation = event.continuation().format();
            }
            return new Read(event.records(), event.continuation() == null);
        } catch (ServiceException e) {
            LOG.debug("subscribing {} to {} failed: {}", consumerArn, shardId, e.getMessage());
            close();
            return Read.NOTHING;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            return Read.NOTHING;
        }
    }

    private ShardSubscription subscribe() {
        if (continuation != null) {
            return engine.records().subscribeToShard(consumerArn, shardId, IteratorType.AFTER_SEQUENCE_NUMBER,
                    continuation, null);
        }
        return switch (start.kind()) {
            case FROM_START -> engine.records().subscribeToShard(consumerArn, shardId, IteratorType.TRIM_HORIZON,
                    null, null);
            case FROM_TIMESTAMP -> engine.records().subscribeToShard(consumerArn, shardId,
                    IteratorType.AT_TIMESTAMP, null, start.fromMillis());
            case AFTER_SEQUENCE -> engine.records().subscribeToShard(consumerArn, shardId,
                    IteratorType.AFTER_SEQUENCE_NUMBER, start.sequenceNumber(), null);
            case SHARD_END -> throw new IllegalStateException("shard " + shardId + " is already done");
        };
    }

    @Override
    public void close() {
        if (subscription != null) {
            subscription.close();
            subscription = null;
        }
    }
}
