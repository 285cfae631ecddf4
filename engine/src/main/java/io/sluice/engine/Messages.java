package io.sluice.engine;

import io.sluice.common.ServiceException;

/** The error messages the engine shares across operations, worded as AWS words them. */
final class Messages {

    private Messages() {
    }

    static ServiceException streamNotFound(StreamKey key) {
        return ServiceException.notFound("Stream " + key.name() + " under account " + key.account() + " not found.");
    }

    static ServiceException shardNotFound(StreamKey key, String shardId) {
        return ServiceException.notFound("Shard " + shardId + " in stream " + key.name() + " under account "
                + key.account() + " does not exist");
    }

    static ServiceException notActive(StreamKey key, StreamStatus status) {
        return ServiceException.inUse("Stream " + key.name() + " under account " + key.account()
                + " not ACTIVE, instead in state " + status);
    }
}
