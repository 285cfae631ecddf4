package io.sluice.engine;

import io.sluice.common.StreamArn;

/** A stream's identity: streams are namespaced by account and region, as in AWS. */
public record StreamKey(String account, String region, String name) implements Comparable<StreamKey> {

    public StreamArn arn() {
        return new StreamArn(region, account, name);
    }

    @Override
    public int compareTo(StreamKey other) {
        int c = account.compareTo(other.account);
        if (c == 0) {
            c = region.compareTo(other.region);
        }
        return c != 0 ? c : name.compareTo(other.name);
    }
}
