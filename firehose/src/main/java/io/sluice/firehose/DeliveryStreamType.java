package io.sluice.firehose;

/** Where a delivery stream's records come from. The names are the wire names. */
public enum DeliveryStreamType {
    DirectPut, KinesisStreamAsSource, MSKAsSource
}
