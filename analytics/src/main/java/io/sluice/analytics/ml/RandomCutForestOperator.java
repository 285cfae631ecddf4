package io.sluice.analytics.ml;

import com.amazon.randomcutforest.RandomCutForest;
import com.amazon.randomcutforest.returntypes.DiVector;
import io.sluice.analytics.runtime.RowReceiver;

import java.util.Arrays;

/**
 * RANDOM_CUT_FOREST and RANDOM_CUT_FOREST_WITH_EXPLANATION over one cursor: for every input row, at once and at
 * the same ROWTIME, the row with ANOMALY_SCORE (and ANOMALY_EXPLANATION) appended. Each row is scored against
 * the forest and then added to it, so a row never explains itself; the score is 0 until the forest has
 * learnt from subSampleSize rows (randomcutforest-core's {@code outputAfter}).
 *
 * <p>A row whose numeric columns hold a NULL (or NaN, or an infinity) is passed on with score 0 and an empty
 * explanation, and the forest does not learn from it. KDA documents nothing here; 0 is what its own
 * applications already treat as "no score" (learning phase, reset), and a NULL-filled point would distort the
 * model (a shingle simply continues with the next complete row).
 *
 * <p>The model lives as long as the operator and nothing of it is replayable, like KDA's, which starts it afresh
 * on every application start: {@link #retainedFloor()} holds back no input.
 *
 * <p><b>Threading</b>: single-threaded (the forest is not thread-safe).
 */
final class RandomCutForestOperator implements TableFunctionOperator {

    private final RowReceiver downstream;
    private final NumericColumns columns;
    private final RandomCutForest forest;
    private final AnomalyExplanation explanation;

    /** {@code explanation} is null for plain RANDOM_CUT_FOREST. */
    RandomCutForestOperator(RowReceiver downstream, NumericColumns columns, RandomCutForest forest,
                            AnomalyExplanation explanation) {
        this.downstream = downstream;
        this.columns = columns;
        this.forest = forest;
        this.explanation = explanation;
    }

    @Override
    public void row(long rowtime, Object[] values) {
        int n = values.length;
        Object[] out = Arrays.copyOf(values, explanation == null ? n + 1 : n + 2);
        double[] read = new double[columns.count()];
        if (!columns.read(values, read)) {
            out[n] = 0.0;
            if (explanation != null) {
                out[n + 1] = explanation.empty();
            }
        } else if (explanation == null) {
            float[] point = toFloats(read);
            out[n] = forest.getAnomalyScore(point);
            forest.update(point);
        } else {
            float[] point = toFloats(read);
            if (forest.isOutputReady()) {
                DiVector attribution = forest.getAnomalyAttribution(point);
                out[n] = attribution.getHighLowSum();
                out[n + 1] = explanation.of(attribution);
            } else {
                out[n] = 0.0;
                out[n + 1] = explanation.empty();
            }
            forest.update(point);
        }
        downstream.row(rowtime, out);
    }

    /** The forest keeps 32-bit floats (its double[] entry points are deprecated and convert anyway). */
    private static float[] toFloats(double[] values) {
        float[] floats = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            floats[i] = (float) values[i];
        }
        return floats;
    }

    @Override
    public void bound(long rowtime) {
        downstream.bound(rowtime);
    }

    @Override
    public long retainedFloor() {
        return Long.MAX_VALUE;
    }
}
