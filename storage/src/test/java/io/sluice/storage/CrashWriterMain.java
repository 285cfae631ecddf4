package io.sluice.storage;

import io.sluice.common.Clock;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

/**
 * Run by {@link CrashRecoveryTest} in a child JVM: appends records whose content is a function of their offset
 * ({@link #data(long)}), several appends in flight at once, and prints each acknowledged first offset and batch size
 * on its own line, until the parent kills it. Arguments: the store root and the log name.
 */
public final class CrashWriterMain {

    private CrashWriterMain() {
    }

    static byte[] data(long offset) {
        byte[] data = new byte[(int) (offset % 300)];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (offset * 31 + i);
        }
        return data;
    }

    public static void main(String[] args) throws Exception {
        LogStore store = new LogStore(Path.of(args[0]), new LogConfig(64 * 1024, 3_600_000, 1024, false),
                Clock.system());
        ShardLog log = store.open(args[1]);
        Semaphore inFlight = new Semaphore(32);
        long next = log.endOffset();
        for (int i = 0; i < 10_000_000; i++) { // bounded; the parent kills us long before
            int count = 1 + i % 7;
            List<AppendRecord> batch = new ArrayList<>();
            for (int r = 0; r < count; r++) {
                batch.add(new AppendRecord((byte) 0, new byte[0], data(next + r)));
            }
            next += count;
            inFlight.acquire();
            CompletableFuture<Long> offset = store.append(log, batch);
            offset.whenComplete((first, error) -> {
                inFlight.release();
                if (error == null) {
                    synchronized (System.out) {
                        System.out.println(first + " " + count);
                        System.out.flush();
                    }
                }
            });
        }
    }
}
