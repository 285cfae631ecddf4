package io.sluice.analytics.ml;

import com.amazon.randomcutforest.returntypes.DiVector;
import com.fasterxml.jackson.core.io.JsonStringEncoder;

import java.util.List;
import java.util.Locale;

/**
 * Writes RANDOM_CUT_FOREST_WITH_EXPLANATION's ANOMALY_EXPLANATION: a JSON object with one member per numeric
 * column, keyed by the column's name, each holding string values with 4 decimals as AWS's samples show:
 * {@code {"PRICE":{"DIRECTION":"HIGH","STRENGTH":"0.8567","ATTRIBUTION_SCORE":"1.7447"}}}.
 *
 * <ul>
 *   <li>ATTRIBUTION_SCORE of a column is the forest's attribution (high + low) summed over the column's slots of
 *   the shingle, so the columns' attributions sum to the ANOMALY_SCORE, as KDA promises.</li>
 *   <li>DIRECTION is HIGH when the column's high part exceeds its low part (the value sits above what the
 *   forest has seen), else LOW.</li>
 *   <li>STRENGTH is undocumented by AWS. Sluice defines it as |high − low|: how one-sided the column's
 *   attribution is, in the units of ATTRIBUTION_SCORE (never more than it). It is near 0 for a value inside the
 *   data and grows with how far the value sits on one side. AWS's own figures use another, unpublished scale
 *   (their sample shows a STRENGTH above its ATTRIBUTION_SCORE), so compare STRENGTH values only with each
 *   other.</li>
 *   <li>Without directionality (the default) a column's member holds ATTRIBUTION_SCORE only.</li>
 *   <li>While the forest learns, or for a row it cannot score, every value is 0 and DIRECTION is LOW, as KDA
 *   documents for the learning phase.</li>
 * </ul>
 *
 * <p><b>Threading</b>: immutable.
 */
final class AnomalyExplanation {

    private final String[] keys;
    private final int columns;
    private final boolean directionality;
    private final String empty;

    AnomalyExplanation(List<String> columnNames, boolean directionality) {
        JsonStringEncoder encoder = JsonStringEncoder.getInstance();
        this.keys = columnNames.stream().map(n -> "\"" + new String(encoder.quoteAsString(n)) + "\":").toArray(String[]::new);
        this.columns = columnNames.size();
        this.directionality = directionality;
        this.empty = write(new double[columns], new double[columns]);
    }

    /** The explanation of a row the forest did not score. */
    String empty() {
        return empty;
    }

    /** The explanation of a scored row, from the forest's attribution over all shingle slots. */
    String of(DiVector attribution) {
        double[] high = new double[columns];
        double[] low = new double[columns];
        // with internal shingling the point is shingleSize blocks of the columns, oldest first
        for (int i = 0; i < attribution.getDimensions(); i++) {
            high[i % columns] += attribution.high[i];
            low[i % columns] += attribution.low[i];
        }
        return write(high, low);
    }

    private String write(double[] high, double[] low) {
        StringBuilder json = new StringBuilder(64 * columns).append('{');
        for (int c = 0; c < columns; c++) {
            if (c > 0) {
                json.append(',');
            }
            json.append(keys[c]).append('{');
            if (directionality) {
                json.append("\"DIRECTION\":\"").append(high[c] > low[c] ? "HIGH" : "LOW").append("\",");
                json.append("\"STRENGTH\":\"").append(decimals(Math.abs(high[c] - low[c]))).append("\",");
            }
            json.append("\"ATTRIBUTION_SCORE\":\"").append(decimals(high[c] + low[c])).append("\"}");
        }
        return json.append('}').toString();
    }

    private static String decimals(double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }
}
