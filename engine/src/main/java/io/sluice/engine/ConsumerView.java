package io.sluice.engine;

/** A consumer and its status at the time of the call. */
public record ConsumerView(ConsumerMeta meta, ConsumerStatus status) {
}
