package io.sluice.analytics.host;

import io.sluice.common.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads a delivery stream source through a tap: the records the delivery stream accepts while the application
 * runs. They wait in memory for the application's task, at most {@code capacity} of them; a put that finds the
 * queue full is not held up (the tap must not block Firehose's callers), and the records that do not fit are
 * counted and logged as lost. Nothing is read again after a restart: a delivery stream keeps no positions an
 * application could return to, so NOW, TRIM_HORIZON and LAST_STOPPED_POINT all mean "from now on".
 *
 * <p><b>Threading</b>: {@link #accepted} from any thread; {@link #read} and {@link #close} from the application's
 * task.
 */
final class TapInputReader implements InputReader, DeliveryStreams.Tap {

    private static final Logger LOG = LoggerFactory.getLogger(TapInputReader.class);

    private final String deliveryStreamArn;
    private final int capacity;
    private final Clock clock;
    private final Runnable wake;
    private final Queue<SourceRecord> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final AtomicLong lost = new AtomicLong();
    private AutoCloseable handle;

    /** @param wake asks the application's task to read now; called after records were queued */
    TapInputReader(String deliveryStreamArn, int capacity, Clock clock, Runnable wake) {
        this.deliveryStreamArn = deliveryStreamArn;
        this.capacity = capacity;
        this.clock = clock;
        this.wake = wake;
    }

    /** Starts seeing the delivery stream's records. */
    TapInputReader open(DeliveryStreams streams) {
        handle = streams.tap(deliveryStreamArn, this);
        return this;
    }

    @Override
    public void accepted(List<byte[]> records, long arrivalMillis) {
        for (byte[] data : records) {
            if (size.incrementAndGet() > capacity) {
                size.decrementAndGet();
                if (lost.incrementAndGet() % 10_000 == 1) {
                    LOG.error("application input on {} is {} records behind; {} records lost so far",
                            deliveryStreamArn, capacity, lost.get());
                }
                continue;
            }
            queue.add(new SourceRecord(null, null, arrivalMillis, null, data));
        }
        wake.run();
    }

    @Override
    public Read read(int max) {
        List<SourceRecord> out = new ArrayList<>(Math.min(max, size.get()));
        for (SourceRecord r; out.size() < max && (r = queue.poll()) != null; ) {
            size.decrementAndGet();
            out.add(r);
        }
        return new Read(out, List.of());
    }

    /** How long the oldest record waiting here has waited since it arrived; 0 when none waits. */
    @Override
    public long millisBehindLatest() {
        SourceRecord oldest = queue.peek();
        return oldest == null ? 0 : Math.max(0, clock.millis() - oldest.arrivalMillis());
    }

    @Override
    public void close() {
        if (handle != null) {
            try {
                handle.close();
            } catch (Exception e) {
                LOG.warn("closing the tap on {} failed", deliveryStreamArn, e);
            }
        }
    }
}
