package io.sluice.e2e.kcl;

/** One user record as a record processor received it. */
record Delivery(String shardId, String partitionKey, String data, String sequenceNumber, long subSequenceNumber) {
}
