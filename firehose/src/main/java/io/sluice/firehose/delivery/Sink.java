package io.sluice.firehose.delivery;

/** Delivers a sealed batch to one place. Called from the delivery stream's one delivery thread at a time. */
@FunctionalInterface
public interface Sink {

    void deliver(Batch batch) throws DeliveryException;
}
