package io.sluice.mappings.catalog;

import io.sluice.common.ConsumerArn;
import io.sluice.common.ErrorType;
import io.sluice.common.ServiceException;
import io.sluice.common.StreamArn;
import io.sluice.engine.ConsumerStatus;
import io.sluice.engine.KinesisEngine;
import io.sluice.engine.StreamKey;
import io.sluice.engine.StreamStatus;

/**
 * {@link EventSources} answered by the Kinesis engine's Java API: a stream ARN names a stream of the caller's
 * account and region that is not being deleted; a consumer ARN names a registered consumer (not being
 * deregistered) of such a stream. The engine's look-ups catch up with other nodes' changes before they answer
 * "not found", so a stream created through another node a moment ago is found.
 *
 * <p><b>Threading</b>: thread-safe (the engine's look-ups are).
 */
public final class EngineEventSources implements EventSources {

    private final KinesisEngine engine;

    public EngineEventSources(KinesisEngine engine) {
        this.engine = engine;
    }

    @Override
    public boolean exists(String account, String region, String arn) {
        ConsumerArn consumer = ConsumerArn.parseOrNull(arn);
        StreamArn stream = consumer != null ? consumer.stream() : StreamArn.parseOrNull(arn);
        if (stream == null || !stream.account().equals(account) || !stream.region().equals(region)) {
            return false;
        }
        try {
            if (consumer != null) {
                return engine.consumers().describe(arn, null, null).status() != ConsumerStatus.DELETING;
            }
            StreamKey key = new StreamKey(account, region, stream.streamName());
            return engine.streams().describe(key).status() != StreamStatus.DELETING;
        } catch (ServiceException e) {
            if (e.type() == ErrorType.RESOURCE_NOT_FOUND) {
                return false;
            }
            throw e;
        }
    }
}
