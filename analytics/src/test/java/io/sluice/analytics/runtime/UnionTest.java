package io.sluice.analytics.runtime;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class UnionTest {

    private final List<String> seen = new ArrayList<>();
    private final Union union = new Union(new RowReceiver() {
        @Override
        public void row(long rowtime, Object[] values) {
            seen.add(values[0] + "@" + rowtime);
        }

        @Override
        public void bound(long rowtime) {
            seen.add("bound@" + rowtime);
        }
    });

    @Test
    void aBoundPassesOnlyOnceEveryBranchHasReachedIt() {
        RowReceiver left = union.branch();
        RowReceiver right = union.branch();
        left.bound(5);
        assertThat(seen).isEmpty();
        right.bound(3);
        right.bound(7);
        left.bound(4);

        assertThat(seen).containsExactly("bound@3", "bound@5");
    }

    @Test
    void aRowOlderThanWhatPassedTakesTheCurrentRowtime() {
        RowReceiver left = union.branch();
        RowReceiver right = union.branch();
        left.row(10, new Object[] {"a"});
        right.row(8, new Object[] {"b"});
        right.bound(9);
        right.row(12, new Object[] {"c"});

        assertThat(seen).containsExactly("a@10", "b@10", "c@12");
    }
}
