package io.sluice.analytics.runtime;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StreamHubTest {

    /** Records what reaches it: rows as "row@t:value", bounds as "bound@t". */
    private static final class Recorder implements RowReceiver {
        final List<String> seen = new ArrayList<>();

        @Override
        public void row(long rowtime, Object[] values) {
            seen.add("row@" + rowtime + ":" + values[0]);
        }

        @Override
        public void bound(long rowtime) {
            seen.add("bound@" + rowtime);
        }
    }

    @Test
    void aRowOlderThanWhatTheStreamPassedOnTakesTheStreamsCurrentRowtime() {
        StreamHub hub = new StreamHub("S", null);
        Recorder reader = new Recorder();
        hub.subscribe(reader);
        RowReceiver a = hub.writer();
        RowReceiver b = hub.writer();

        a.row(500, new Object[] {"a"});
        b.row(300, new Object[] {"b"});

        assertThat(reader.seen).containsExactly("row@500:a", "row@500:b");
    }

    @Test
    void aBoundPassesOnOnlyWhenEveryWriterHasReachedIt() {
        StreamHub hub = new StreamHub("S", null);
        Recorder reader = new Recorder();
        hub.subscribe(reader);
        RowReceiver a = hub.writer();
        RowReceiver b = hub.writer();

        a.bound(1_000);
        assertThat(reader.seen).isEmpty();
        b.row(900, new Object[] {"late"});
        b.bound(2_000);

        assertThat(reader.seen).containsExactly("row@900:late", "bound@1000");
    }

    @Test
    void everyReaderAndTheSinkGetEachRowAndTheSinkOwnsItsCopy() {
        List<Object[]> sunk = new ArrayList<>();
        StreamHub hub = new StreamHub("OUT", (stream, rowtime, values) -> {
            sunk.add(values);
            values[0] = "changed by the sink";
        });
        Recorder first = new Recorder();
        Recorder second = new Recorder();
        hub.subscribe(first);
        hub.subscribe(second);

        hub.writer().row(10, new Object[] {"x"});

        assertThat(sunk).hasSize(1);
        assertThat(first.seen).containsExactly("row@10:x");
        assertThat(second.seen).containsExactly("row@10:x");
    }
}
