package io.sluice.agent.testing;

import io.sluice.agent.tail.FlowSource;
import io.sluice.agent.tail.TailPosition;
import io.sluice.agent.tail.TailedRecord;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A flow source over lines given by the test, one file; records its acknowledgements. Thread-safe enough. */
public final class FakeSource implements FlowSource {

    public final List<TailPosition> acknowledged = new CopyOnWriteArrayList<>();
    public final AtomicInteger polls = new AtomicInteger();
    private final List<TailedRecord> unread = new CopyOnWriteArrayList<>();
    private long offset;
    public volatile boolean healthy = true;
    public volatile boolean closed;

    /** Appends lines; each becomes a record whose position is its end offset. */
    public FakeSource write(String... lines) {
        for (String line : lines) {
            byte[] data = line.getBytes(StandardCharsets.UTF_8);
            offset += data.length + 1;
            unread.add(new TailedRecord(data, new TailPosition("1:1", Path.of("/var/log/app.log"), offset)));
        }
        return this;
    }

    @Override
    public List<TailedRecord> poll(int maxRecords) {
        polls.incrementAndGet();
        List<TailedRecord> out = new ArrayList<>();
        while (!unread.isEmpty() && out.size() < maxRecords) {
            out.add(unread.remove(0));
        }
        return out;
    }

    @Override
    public void acknowledged(TailPosition position) {
        acknowledged.add(position);
    }

    public long lastAcknowledgedOffset() {
        return acknowledged.isEmpty() ? 0 : acknowledged.get(acknowledged.size() - 1).offset();
    }

    @Override
    public long bytesBehind() {
        long behind = 0;
        for (TailedRecord record : unread) {
            behind += record.data().length + 1;
        }
        return behind;
    }

    /** One file, "fake.log", holding what is not polled yet. */
    @Override
    public java.util.Map<String, Long> bytesBehindByFile() {
        return java.util.Map.of("fake.log", bytesBehind());
    }

    @Override
    public long recordsSkipped() {
        return 0;
    }

    @Override
    public boolean healthy() {
        return healthy;
    }

    @Override
    public void close() {
        closed = true;
    }
}
