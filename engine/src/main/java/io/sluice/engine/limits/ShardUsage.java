package io.sluice.engine.limits;

import java.util.Objects;

/**
 * What one node took from one shard's budgets since its previous report: the writes it admitted and the reads
 * it served. The shard is named by its stream's identity, the incarnation included ({@code streamCreatedAt}), so
 * usage reported for a stream that was deleted and created again is not charged to the new one.
 *
 * @param account         the stream's account
 * @param region          the stream's region
 * @param stream          the stream's name
 * @param streamCreatedAt the stream's creation time (epoch ms): which incarnation of the name
 * @param shard           the shard's index
 * @param writeBytes      bytes admitted by PutRecord(s), data plus partition key
 * @param writeRecords    records admitted by PutRecord(s)
 * @param readCalls       GetRecords calls admitted
 * @param readBytes       bytes those calls returned
 */
public record ShardUsage(String account, String region, String stream, long streamCreatedAt, int shard,
                         long writeBytes, long writeRecords, long readCalls, long readBytes) {

    public ShardUsage {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(stream, "stream");
        if (shard < 0 || writeBytes < 0 || writeRecords < 0 || readCalls < 0 || readBytes < 0) {
            throw new IllegalArgumentException("shard index and usage must not be negative: " + shard + ", "
                    + writeBytes + ", " + writeRecords + ", " + readCalls + ", " + readBytes);
        }
    }

    /** True if the report carries no usage at all (such reports are not sent). */
    public boolean isEmpty() {
        return writeBytes == 0 && writeRecords == 0 && readCalls == 0 && readBytes == 0;
    }
}
