package io.sluice.engine;

import java.util.EnumSet;
import java.util.Set;
import java.util.TreeSet;

/** The shard-level metrics enhanced monitoring can switch on; ALL stands for every one of them. */
public enum ShardLevelMetric {
    IncomingBytes, IncomingRecords, OutgoingBytes, OutgoingRecords, WriteProvisionedThroughputExceeded,
    ReadProvisionedThroughputExceeded, IteratorAgeMilliseconds;

    /** Expands ALL and returns metric names. */
    static Set<String> expand(Iterable<String> names) {
        Set<String> out = new TreeSet<>();
        for (String name : names) {
            if (name.equals("ALL")) {
                EnumSet.allOf(ShardLevelMetric.class).forEach(m -> out.add(m.name()));
            } else {
                out.add(valueOf(name).name());
            }
        }
        return out;
    }
}
