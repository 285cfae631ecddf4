package io.sluice.cli.bench;

/**
 * The stream a run writes to, once it is ACTIVE.
 *
 * @param created true when this run created it
 */
record StreamInfo(String name, String arn, int openShards, boolean created) {
}
