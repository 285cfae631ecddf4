package io.sluice.agent.tail;

import io.sluice.agent.config.FlowConfig;
import io.sluice.agent.parse.RecordConversionException;
import io.sluice.agent.parse.RecordProcessor;
import io.sluice.agent.parse.RecordSplitter;
import io.sluice.agent.parse.SplitRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The {@link FlowSource} of one flow: reads one file at a time through an open channel ({@link OpenFile}), and moves
 * to the next file the {@link FileTracker} names once the current one is read to its end and another one has bytes.
 * Before leaving a file it reads it once more after the listing that showed the next file, so lines a writer adds to
 * the renamed file before it reopens its log are not missed. Leaving for a newer file, the current one is taken as
 * rotated: its last line, even without a line end, is a record. Leaving for an older one (a late write to a rotated
 * file), a record it holds incomplete is read again from its start when the file is read next. A file gone from the
 * pattern with no other to read is kept open for maxTimeBetweenFileTrackerRefreshMillis (its writer may still add to
 * it), then left.
 *
 * <p>Polls: a poll that found nothing makes the next one wait minTimeBetweenFilePollsMillis (it returns nothing
 * before); the pattern is listed again every maxTimeBetweenFileTrackerRefreshMillis, at once when the current
 * file's path names another file (rename rotation) or the file was truncated, and at each poll while no file is
 * open. So a new file of a create rotation (timestamped names) is seen within maxTimeBetweenFileTrackerRefreshMillis.
 * Failures: a poll that fails marks the source unhealthy and logs the cause (once per distinct cause); the next poll
 * tries again, and one that succeeds marks it healthy.
 *
 * <p>Threading: {@link #poll} and {@link #close} from the flow's reader thread; {@link #acknowledged} from any sender
 * thread; {@link #bytesBehind}, {@link #bytesBehindByFile}, {@link #healthy}, {@link #recordsSkipped} from any
 * thread.
 */
final class TailingFlowSource implements FlowSource {

    private static final Logger LOG = LoggerFactory.getLogger(TailingFlowSource.class);
    private static final int READ_BUFFER = 64 * 1024;
    private static final int MAX_OPENS_PER_POLL = 64;
    /** The most files {@link #bytesBehindByFile} names (each is a metric's label value). */
    static final int MAX_FILES_REPORTED = 20;

    private final FlowConfig flow;
    private final CheckpointStore checkpoints;
    private final Clock clock;
    private final Supplier<RecordSplitter> splitters;
    private final RecordProcessor processor;
    private final FileTracker tracker;
    private final AckLog acks = new AckLog();
    private final Deque<TailedRecord> overflow = new ArrayDeque<>();
    private final List<SplitRecord> split = new ArrayList<>();
    private long[] ends = new long[256];
    private final AtomicBoolean healthy = new AtomicBoolean(true);
    private final AtomicLong behind = new AtomicLong();
    private volatile Map<String, Long> behindByFile = Map.of();
    private final AtomicLong skipped = new AtomicLong();
    private OpenFile current;
    private boolean checkpointed;
    private boolean idle;
    private long lastPollMillis;
    private long lastRefreshMillis;
    private long goneSinceMillis = -1;
    private String lastFailure;

    TailingFlowSource(FlowConfig flow, CheckpointStore checkpoints, Clock clock, Supplier<RecordSplitter> splitters,
                      RecordProcessor processor) {
        this.flow = flow;
        this.checkpoints = checkpoints;
        this.clock = clock;
        this.splitters = splitters;
        this.processor = processor;
        this.tracker = new FileTracker(flow.id(), new FileLister(flow.filePattern()), flow.initialPosition());
    }

    /** Places the flow's files by its checkpoint, or by initialPosition without one. */
    void start() throws IOException {
        Optional<Checkpoint> checkpoint = checkpoints.get(flow.id());
        checkpointed = checkpoint.isPresent();
        KnownFile startsWith = tracker.refresh(null, checkpoint);
        lastRefreshMillis = clock.millis();
        if (startsWith != null && startsWith.fingerprint() != null) {
            FileSnapshot f = startsWith.seen();
            checkpointStart(new Checkpoint(flow.id(), f.fileKey(), f.path(), startsWith.consumed(), f.size(),
                    f.modifiedMillis(), startsWith.fingerprint(), clock.millis()));
        }
        updateBehind();
    }

    @Override
    public List<TailedRecord> poll(int maxRecords) throws IOException {
        List<TailedRecord> out = new ArrayList<>(Math.min(maxRecords, 1024));
        while (out.size() < maxRecords && !overflow.isEmpty()) {
            out.add(overflow.poll());
        }
        long now = clock.millis();
        if (out.size() >= maxRecords || idle && now - lastPollMillis < flow.minTimeBetweenFilePollsMillis()) {
            return out;
        }
        lastPollMillis = now;
        try {
            // with no file open, a file appearing or growing is seen by listing only
            if (current == null || now - lastRefreshMillis >= flow.maxTimeBetweenFileTrackerRefreshMillis()) {
                refresh(now);
            }
            read(out, maxRecords, now);
            updateBehind();
            recovered();
        } catch (IOException | RuntimeException e) {
            failed(e);
            throw e;
        }
        idle = out.isEmpty();
        return out;
    }

    private void read(List<TailedRecord> out, int max, long now) throws IOException {
        boolean verify = true;
        boolean rechecked = false;
        int opened = 0;
        while (out.size() < max) {
            if (current == null) {
                // a bound on the files one poll opens: never a busy loop, whatever the files do
                if (++opened > MAX_OPENS_PER_POLL || !openNext(now)) {
                    return;
                }
                verify = true;
                rechecked = false;
            }
            split.clear();
            OpenFile.Read result = current.read(split, verify);
            verify = false;
            emit(out, max);
            switch (result) {
                case DATA -> rechecked = false;
                case TRUNCATED -> truncated(now);
                case END -> {
                    if (!rechecked) {
                        rechecked = true;
                        verify = rotated(now);
                    } else {
                        KnownFile next = tracker.next(current.fileKey());
                        if (next != null && next.seen().modifiedMillis() < current.modifiedMillis()) {
                            suspend();
                        } else if (next != null || goneLongEnough(now)) {
                            leave(out, max);
                        } else {
                            return;
                        }
                    }
                }
            }
        }
    }

    /** Opens the next file with unread bytes; false when there is none. */
    private boolean openNext(long now) throws IOException {
        KnownFile next = tracker.next(null);
        if (next == null) {
            return false;
        }
        Optional<FileChannel> opened = FileLister.open(next.seen());
        if (opened.isEmpty()) {
            refresh(now);
            return false;
        }
        FileChannel channel = opened.get();
        if (next.fingerprint() != null && !next.fingerprint().matches(channel)) {
            channel.close();
            tracker.truncated(next.fileKey(), next.fingerprint(), next.consumed());
            return false;
        }
        current = new OpenFile(next.seen(), channel, next.consumed(), splitters.get(), READ_BUFFER);
        goneSinceMillis = -1;
        if (!checkpointed) {
            checkpointStart(new Checkpoint(flow.id(), current.fileKey(), current.path(), next.consumed(),
                    current.size(), current.modifiedMillis(), current.fingerprint(), clock.millis()));
        }
        return true;
    }

    /**
     * Where a flow without checkpoint starts is made durable before anything is read: a restart then never takes
     * the files as new to the flow (initialPosition) and skips what this run read and did not get acknowledged.
     */
    private void checkpointStart(Checkpoint start) throws IOException {
        checkpoints.put(start);
        checkpointed = true;
    }

    /** Whether the current file's path now names another file or none (renamed): the pattern is listed again. */
    private boolean rotated(long now) throws IOException {
        boolean moved = FileLister.stat(current.path()).map(f -> !f.fileKey().equals(current.fileKey()))
                .orElse(true);
        if (moved) {
            refresh(now);
        }
        return moved;
    }

    private boolean goneLongEnough(long now) {
        if (tracker.listed(current.fileKey())) {
            goneSinceMillis = -1;
            return false;
        }
        if (goneSinceMillis < 0) {
            goneSinceMillis = now;
        }
        return now - goneSinceMillis >= flow.maxTimeBetweenFileTrackerRefreshMillis();
    }

    private void leave(List<TailedRecord> out, int max) throws IOException {
        split.clear();
        current.finish(split);
        emit(out, max);
        tracker.finished(current.fileKey(), current.readOffset());
        closeCurrent();
    }

    /**
     * Leaves the current file for an older one (a copy, a late write to a rotated file): the current file may still
     * grow, so a record it holds incomplete is read again from its start when the file is read next.
     */
    private void suspend() throws IOException {
        tracker.suspended(current.fileKey(), current.boundary(), current.modifiedMillis());
        closeCurrent();
    }

    /**
     * The current file was truncated: reading goes on in its copy, if one is listed, from the end of the last record
     * read, then in the file from its start. Without a copy, the bytes of a record the reader held incomplete are
     * dropped with the rest of that record (it was cut by the truncation).
     */
    private void truncated(long now) throws IOException {
        refresh(now);
        tracker.truncated(current.fileKey(), current.fingerprint(), current.boundary());
        closeCurrent();
    }

    private void emit(List<TailedRecord> out, int max) {
        if (split.isEmpty()) {
            return;
        }
        if (ends.length < split.size()) {
            ends = new long[Math.max(split.size(), 2 * ends.length)];
        }
        int count = 0;
        for (SplitRecord r : split) {
            byte[] data;
            try {
                data = processor.process(r.data());
            } catch (RecordConversionException e) {
                long n = skipped.incrementAndGet();
                if (n == 1 || n % 1000 == 0) {
                    LOG.warn("flow {}: record at {} offset {} skipped ({} so far): {}", flow.id(), current.path(),
                            r.startOffset(), n, e.getMessage());
                }
                continue;
            }
            TailedRecord record = new TailedRecord(data,
                    new TailPosition(current.fileKey(), current.path(), r.endOffset()));
            if (out.size() < max) {
                out.add(record);
            } else {
                overflow.add(record);
            }
            ends[count++] = r.endOffset();
        }
        if (count > 0) {
            acks.polled(current, ends, count);
        }
    }

    private void refresh(long now) throws IOException {
        if (current != null) {
            // copies are recognised by the first bytes the reader saw last
            KnownFile k = tracker.known(current.fileKey());
            if (k != null) {
                k.fingerprint(current.fingerprint());
            }
        }
        tracker.refresh(current == null ? null : current.fileKey(), Optional.empty());
        lastRefreshMillis = now;
        if (current != null) {
            KnownFile k = tracker.known(current.fileKey());
            if (k != null) {
                current.movedTo(k.seen().path());
            }
        }
    }

    private void closeCurrent() throws IOException {
        OpenFile leaving = current;
        current = null;
        leaving.close();
    }

    private void updateBehind() throws IOException {
        Map<String, Long> files = new LinkedHashMap<>();
        long total = 0;
        if (current != null) {
            long unread = Math.max(0, current.size() - current.readOffset());
            files.put(current.path().toString(), unread);
            total += unread;
        }
        total += tracker.behind(current == null ? null : current.fileKey(), files, MAX_FILES_REPORTED);
        behind.set(total);
        behindByFile = Collections.unmodifiableMap(files);
    }

    @Override
    public void acknowledged(TailPosition position) throws IOException {
        Checkpoint checkpoint = acks.checkpoint(flow.id(), position, clock.millis());
        if (checkpoint != null) {
            checkpoints.put(checkpoint);
        }
    }

    @Override
    public long bytesBehind() {
        return behind.get();
    }

    @Override
    public Map<String, Long> bytesBehindByFile() {
        return behindByFile;
    }

    @Override
    public long recordsSkipped() {
        return skipped.get();
    }

    @Override
    public boolean healthy() {
        return healthy.get();
    }

    private void failed(Exception e) {
        healthy.set(false);
        String cause = e.toString();
        if (!cause.equals(lastFailure)) {
            lastFailure = cause;
            LOG.error("flow {}: tailing {} failed; trying again at the next poll", flow.id(), flow.filePattern(), e);
        }
    }

    private void recovered() {
        if (!healthy.get()) {
            LOG.info("flow {}: tailing works again", flow.id());
            healthy.set(true);
        }
        lastFailure = null;
    }

    @Override
    public void close() throws IOException {
        if (current != null) {
            closeCurrent();
        }
    }
}
