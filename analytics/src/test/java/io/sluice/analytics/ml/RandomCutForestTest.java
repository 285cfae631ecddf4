package io.sluice.analytics.ml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.analytics.type.Column;
import io.sluice.analytics.type.RowType;
import io.sluice.analytics.type.SqlType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class RandomCutForestTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final RowType TWO_COLUMNS = RowType.of(Column.of("LABEL", SqlType.varchar(8)),
            Column.of("X", SqlType.DOUBLE), Column.of("Y", SqlType.INTEGER));

    private static long seed() {
        long seed = new Random().nextLong();
        System.out.println("RandomCutForestTest seed=" + seed);
        return seed;
    }

    private static TableFunctionOperator forest(String name, long seed, Collected out, Object... args)
            throws TableFunctionException {
        Random seeds = new Random(seed);
        return new TableFunctions(seeds::nextLong).resolve(name, TWO_COLUMNS, List.of(args)).factory().create(out);
    }

    private static Object[] normal(Random random) {
        return new Object[] {"n", 10 + random.nextGaussian(), 50 + (int) Math.round(3 * random.nextGaussian())};
    }

    @Test
    void scoresAreZeroWhileTheForestLearnsFromTheFirstSubSampleSizeRows() throws Exception {
        long seed = seed();
        Random random = new Random(seed);
        Collected out = new Collected();
        TableFunctionOperator op = forest("RANDOM_CUT_FOREST", seed, out, 50, 64, 1000, 1);
        for (int i = 0; i < 100; i++) {
            op.row(1000 + i, normal(random));
        }
        assertThat(out.rows).hasSize(100);
        for (int i = 0; i < 64; i++) {
            assertThat((double) out.rows.get(i).get(3)).as("row %d", i).isZero();
        }
        for (int i = 64; i < 100; i++) {
            assertThat((double) out.rows.get(i).get(3)).as("row %d", i).isPositive();
        }
    }

    @Test
    void everyRowIsPassedOnAtOnceWithItsColumnsAndRowtime() throws Exception {
        Collected out = new Collected();
        TableFunctionOperator op = forest("RANDOM_CUT_FOREST", 1, out);
        op.row(5, new Object[] {"a", 1.5, 7});
        op.bound(9);
        assertThat(out.events).containsExactly("row@5", "bound@9");
        assertThat(out.rows.get(0).values()).containsExactly("a", 1.5, 7, 0.0);
        assertThat(op.retainedFloor()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void injectedOutliersScoreAboveThe99thPercentileOfNormalPoints() throws Exception {
        long seed = seed();
        Random random = new Random(seed);
        Collected out = new Collected();
        TableFunctionOperator op = forest("RANDOM_CUT_FOREST", seed, out);
        List<Integer> outliers = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            if (i > 1000 && i % 250 == 0) {
                outliers.add(i);
                op.row(i, new Object[] {"o", 10 + 8 * (random.nextBoolean() ? 1 : -1), 50 + 30});
            } else {
                op.row(i, normal(random));
            }
        }
        double[] normalScores = out.rows.stream().skip(1000).filter(r -> r.get(0).equals("n"))
                .mapToDouble(r -> (double) r.get(3)).sorted().toArray();
        double p99 = normalScores[(int) (normalScores.length * 0.99)];
        for (int i : outliers) {
            assertThat((double) out.rows.get(i).get(3)).as("outlier at row %d (p99 %s)", i, p99).isGreaterThan(p99);
        }
    }

    @Test
    void shinglingScoresABrokenRhythmThatSingleRowsCannotSee() throws Exception {
        long seed = seed();
        double plain = rhythmBreakScore(seed, 1);
        double shingled = rhythmBreakScore(seed, 4);
        // a trough value where the wave peaks: the value itself is common, the last four rows together are not
        assertThat(shingled).as("shingled %s, plain %s", shingled, plain).isGreaterThan(1.5 * plain);
    }

    private static double rhythmBreakScore(long seed, int shingle) throws TableFunctionException {
        RowType one = RowType.of(Column.of("V", SqlType.DOUBLE));
        Random seeds = new Random(seed);
        Random noise = new Random(seed);
        Collected out = new Collected();
        TableFunctionOperator op = new TableFunctions(seeds::nextLong)
                .resolve("RANDOM_CUT_FOREST", one, List.of(100, 256, 10000, shingle)).factory().create(out);
        for (int i = 0; i < 2005; i++) {
            op.row(i, new Object[] {Math.sin(2 * Math.PI * i / 20) + 0.05 * noise.nextGaussian()});
        }
        op.row(2005, new Object[] {-1.0});
        return (double) out.last().get(1);
    }

    @Test
    void aRowWithANullNumericColumnScoresZeroAndDoesNotTrainTheForest() throws Exception {
        Collected out = new Collected();
        TableFunctionOperator op = forest("RANDOM_CUT_FOREST", 7, out, 20, 10, 100, 1);
        Random random = new Random(3);
        for (int i = 0; i < 10; i++) {
            op.row(i, new Object[] {"n", null, 1});
        }
        op.row(10, normal(random));
        assertThat(out.rows).allSatisfy(r -> assertThat((double) r.get(3)).isZero());
        for (int i = 0; i < 9; i++) {
            op.row(11 + i, normal(random));
        }
        op.row(20, normal(random));
        // ten complete rows have trained it: the eleventh is scored, the NULL rows did not count
        assertThat((double) out.last().get(3)).isPositive();
        assertThat(out.rows.get(5).values()).containsExactly("n", null, 1, 0.0);
    }

    @Test
    void attributionsSumToTheScoreAndPointAtTheColumnThatMovedWithItsDirection() throws Exception {
        long seed = seed();
        Random random = new Random(seed);
        Collected out = new Collected();
        TableFunctionOperator op = forest("RANDOM_CUT_FOREST_WITH_EXPLANATION", seed, out, 100, 256, 100000, 1,
                true);
        for (int i = 0; i < 1500; i++) {
            op.row(i, normal(random));
        }
        op.row(1500, new Object[] {"hi-x", 25.0, 50});
        op.row(1501, new Object[] {"lo-y", 10.0, 20});
        for (Collected.Row row : out.rows.subList(300, out.rows.size())) {
            JsonNode explanation = JSON.readTree((String) row.get(4));
            double sum = explanation.get("X").get("ATTRIBUTION_SCORE").asDouble()
                    + explanation.get("Y").get("ATTRIBUTION_SCORE").asDouble();
            assertThat(sum).isCloseTo((double) row.get(3), org.assertj.core.data.Offset.offset(0.0002));
        }
        JsonNode high = JSON.readTree((String) out.rows.get(1500).get(4));
        assertThat(high.get("X").get("DIRECTION").asText()).isEqualTo("HIGH");
        assertThat(high.get("X").get("ATTRIBUTION_SCORE").asDouble())
                .isGreaterThan(3 * high.get("Y").get("ATTRIBUTION_SCORE").asDouble());
        assertThat(high.get("X").get("STRENGTH").asDouble()).isGreaterThan(high.get("Y").get("STRENGTH").asDouble());
        JsonNode low = JSON.readTree((String) out.rows.get(1501).get(4));
        assertThat(low.get("Y").get("DIRECTION").asText()).isEqualTo("LOW");
        assertThat(low.get("Y").get("ATTRIBUTION_SCORE").asDouble())
                .isGreaterThan(3 * low.get("X").get("ATTRIBUTION_SCORE").asDouble());
    }

    @Test
    void withShinglingEachColumnsAttributionSumsItsSlotsAndTheColumnsSumToTheScore() throws Exception {
        long seed = seed();
        Random random = new Random(seed);
        Collected out = new Collected();
        TableFunctionOperator op = forest("RANDOM_CUT_FOREST_WITH_EXPLANATION", seed, out, 50, 64, 1000, 3, true);
        for (int i = 0; i < 300; i++) {
            op.row(i, normal(random));
        }
        op.row(300, new Object[] {"hi-y", 10.0, 90});
        for (Collected.Row row : out.rows.subList(100, out.rows.size())) {
            JsonNode explanation = JSON.readTree((String) row.get(4));
            assertThat(explanation.size()).isEqualTo(2);
            double sum = explanation.get("X").get("ATTRIBUTION_SCORE").asDouble()
                    + explanation.get("Y").get("ATTRIBUTION_SCORE").asDouble();
            assertThat(sum).isCloseTo((double) row.get(3), org.assertj.core.data.Offset.offset(0.0002));
        }
        JsonNode spike = JSON.readTree((String) out.last().get(4));
        assertThat(spike.get("Y").get("DIRECTION").asText()).isEqualTo("HIGH");
        assertThat(spike.get("Y").get("ATTRIBUTION_SCORE").asDouble())
                .isGreaterThan(spike.get("X").get("ATTRIBUTION_SCORE").asDouble());
    }

    @Test
    void explanationIsZeroAndLowWhileLearningAndWithoutDirectionalityHoldsAttributionOnly() throws Exception {
        Collected directed = new Collected();
        forest("RANDOM_CUT_FOREST_WITH_EXPLANATION", 1, directed, 10, 10, 100, 1, true)
                .row(1, new Object[] {"a", 1.0, 2});
        assertThat(directed.last().get(4)).isEqualTo("{\"X\":{\"DIRECTION\":\"LOW\",\"STRENGTH\":\"0.0000\","
                + "\"ATTRIBUTION_SCORE\":\"0.0000\"},\"Y\":{\"DIRECTION\":\"LOW\",\"STRENGTH\":\"0.0000\","
                + "\"ATTRIBUTION_SCORE\":\"0.0000\"}}");
        Collected plain = new Collected();
        TableFunctionOperator op = forest("RANDOM_CUT_FOREST_WITH_EXPLANATION", 1, plain, 10, 10, 100);
        Random random = new Random(1);
        for (int i = 0; i < 20; i++) {
            op.row(i, normal(random));
        }
        JsonNode explanation = JSON.readTree((String) plain.last().get(4));
        assertThat(explanation.get("X").fieldNames()).toIterable().containsExactly("ATTRIBUTION_SCORE");
        assertThat(explanation.get("X").get("ATTRIBUTION_SCORE").asText()).matches("\\d+\\.\\d{4}");
    }

    @Test
    void theSameSeedGivesTheSameScores() throws Exception {
        long seed = seed();
        List<Double> first = scores(seed);
        assertThat(scores(seed)).isEqualTo(first);
    }

    private static List<Double> scores(long seed) throws TableFunctionException {
        Random random = new Random(seed);
        Collected out = new Collected();
        TableFunctionOperator op = forest("RANDOM_CUT_FOREST", seed, out, 20, 32, 1000, 2);
        for (int i = 0; i < 100; i++) {
            op.row(i, normal(random));
        }
        return out.rows.stream().map(r -> (Double) r.get(3)).toList();
    }

    @Test
    void decimalAndCharacterColumnsAreCarriedButNotScored() throws Exception {
        RowType mixed = RowType.of(Column.of("D", SqlType.decimal(10, 2)), Column.of("V", SqlType.DOUBLE));
        Collected out = new Collected();
        TableFunctionOperator op = new TableFunctions(() -> 1).resolve("RANDOM_CUT_FOREST", mixed, List.of())
                .factory().create(out);
        op.row(1, new Object[] {null, 1.0});
        assertThat(Arrays.asList(out.last().values())).containsExactly(null, 1.0, 0.0);
    }
}
