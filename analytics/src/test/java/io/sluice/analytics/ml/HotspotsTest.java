package io.sluice.analytics.ml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.analytics.type.Column;
import io.sluice.analytics.type.RowType;
import io.sluice.analytics.type.SqlType;
import org.apache.commons.math3.ml.clustering.Cluster;
import org.apache.commons.math3.ml.clustering.DBSCANClusterer;
import org.apache.commons.math3.ml.clustering.DoublePoint;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class HotspotsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final RowType XY = RowType.of(Column.of("x", SqlType.DOUBLE), Column.of("y", SqlType.DOUBLE),
            Column.of("is_hot", SqlType.varchar(4)));

    private static long seed() {
        long seed = new Random().nextLong();
        System.out.println("HotspotsTest seed=" + seed);
        return seed;
    }

    private static TableFunctionOperator hotspots(Collected out, Object... args) throws TableFunctionException {
        return new TableFunctions(() -> 0).resolve("HOTSPOTS", XY, List.of(args)).factory().create(out);
    }

    private static double[] inDisc(Random random, double cx, double cy, double r) {
        double angle = random.nextDouble() * 2 * Math.PI;
        double distance = r * Math.sqrt(random.nextDouble());
        return new double[] {cx + distance * Math.cos(angle), cy + distance * Math.sin(angle)};
    }

    @Test
    void plantedClustersAreFoundWithBoxesAroundTheirPointsAndNoNoise() throws Exception {
        long seed = seed();
        Random random = new Random(seed);
        double[][] centres = {{20, 20}, {70, 60}};
        List<double[]> rows = new ArrayList<>();
        List<double[]> noise = new ArrayList<>();
        List<List<double[]>> planted = List.of(new ArrayList<>(), new ArrayList<>());
        for (int c = 0; c < 2; c++) {
            for (int i = 0; i < 150; i++) {
                double[] p = inDisc(random, centres[c][0], centres[c][1], 2);
                planted.get(c).add(p);
                rows.add(p);
            }
        }
        while (noise.size() < 700) {
            double[] p = {random.nextDouble() * 100, random.nextDouble() * 100};
            if (Math.hypot(p[0] - 20, p[1] - 20) > 6 && Math.hypot(p[0] - 70, p[1] - 60) > 6) {
                noise.add(p);
                rows.add(p);
            }
        }
        Collections.shuffle(rows, random);
        Collected out = new Collected();
        TableFunctionOperator op = hotspots(out, 1000, 1.0, 10);
        for (int i = 0; i < rows.size(); i++) {
            op.row(i, new Object[] {rows.get(i)[0], rows.get(i)[1], "?"});
        }
        JsonNode found = JSON.readTree((String) out.last().get(3)).get("hotspots");
        assertThat(found).hasSize(2);
        for (JsonNode hotspot : found) {
            double[] min = {hotspot.get("minValues").get(0).asDouble(), hotspot.get("minValues").get(1).asDouble()};
            double[] max = {hotspot.get("maxValues").get(0).asDouble(), hotspot.get("maxValues").get(1).asDouble()};
            List<double[]> cluster = min[0] < 50 ? planted.get(0) : planted.get(1);
            assertThat(cluster).allSatisfy(p -> assertThat(inside(p, min, max)).as("planted point inside").isTrue());
            assertThat(noise).noneSatisfy(p -> assertThat(inside(p, min, max)).isTrue());
            assertThat(hotspot.get("density").asDouble()).isGreaterThan(5);
        }
    }

    private static boolean inside(double[] p, double[] min, double[] max) {
        return p[0] >= min[0] && p[0] <= max[0] && p[1] >= min[1] && p[1] <= max[1];
    }

    @Test
    void densityIsPointsPerBoxVolumeWithEachSideAtLeastTheScanRadius() throws Exception {
        Collected out = new Collected();
        TableFunctionOperator op = hotspots(out, 100, 0.5, 3);
        op.row(1, new Object[] {1.0, 1.0, "a"});
        op.row(2, new Object[] {1.0, 1.0, "b"});
        assertThat(out.last().get(3)).isEqualTo("{\"hotspots\":[]}");
        op.row(3, new Object[] {1.0, 1.5, "c"});
        op.row(4, new Object[] {1.0, 1.9, "d"});
        // (1, 1) and (1, 1.5) have at least three points within 0.5 (core); (1, 1.9) is a border point
        JsonNode found = JSON.readTree((String) out.last().get(3)).get("hotspots");
        assertThat(found).hasSize(1);
        assertThat(found.get(0).get("minValues").toString()).isEqualTo("[1.0,1.0]");
        assertThat(found.get(0).get("maxValues").toString()).isEqualTo("[1.0,1.9]");
        // 4 points / (0.5, the scan radius, for the zero-width x side × 0.9)
        assertThat(found.get(0).get("density").asDouble()).isCloseTo(4 / (0.5 * 0.9), within(1e-9));
        assertThat(out.last().values()).startsWith(1.0, 1.9, "d");
    }

    @Test
    void pointsLeaveTheWindowAfterWindowSizeRowsAndTheFloorFollowsTheOldest() throws Exception {
        Collected out = new Collected();
        TableFunctionOperator op = hotspots(out, 100, 0.5, 2);
        assertThat(op.retainedFloor()).isEqualTo(Long.MAX_VALUE);
        op.row(10, new Object[] {0.0, 0.0, "a"});
        op.row(11, new Object[] {0.1, 0.0, "b"});
        assertThat(JSON.readTree((String) out.last().get(3)).get("hotspots")).hasSize(1);
        for (int i = 0; i < 99; i++) {
            op.row(12 + i, new Object[] {100.0 * (i + 1), 0.0, "far"});
        }
        // the window now holds "b" and 99 lone points
        assertThat(out.last().get(3)).isEqualTo("{\"hotspots\":[]}");
        assertThat(op.retainedFloor()).isEqualTo(11);
        op.bound(500);
        assertThat(out.bounds).containsExactly(500L);
    }

    @Test
    void aRowWithANullCoordinateKeepsTheWindowAsItIs() throws Exception {
        Collected out = new Collected();
        TableFunctionOperator op = hotspots(out, 100, 0.5, 2);
        op.row(1, new Object[] {0.0, 0.0, "a"});
        op.row(2, new Object[] {null, 0.0, "b"});
        op.row(3, new Object[] {0.0, null, "c"});
        assertThat(out.rows).extracting(r -> r.get(3)).containsOnly("{\"hotspots\":[]}");
        op.row(4, new Object[] {0.2, 0.0, "d"});
        assertThat(JSON.readTree((String) out.last().get(3)).get("hotspots").get(0).get("maxValues").get(0).asDouble())
                .isEqualTo(0.2);
    }

    @Test
    void slidingWindowClustersAgreeWithCommonsMathDbscan() throws Exception {
        long seed = seed();
        Random random = new Random(seed);
        int windowSize = 100;
        double radius = 1.5;
        int minPoints = 4;
        HotspotWindow window = new HotspotWindow(windowSize, radius, minPoints);
        List<double[]> recent = new ArrayList<>();
        // commons-math counts a point's neighbours without the point itself
        DBSCANClusterer<DoublePoint> reference = new DBSCANClusterer<>(radius, minPoints - 1);
        for (int i = 0; i < 400; i++) {
            double[] p = random.nextInt(3) == 0
                    ? inDisc(random, 5, 5, 2)
                    : new double[] {random.nextDouble() * 20, random.nextDouble() * 20};
            window.add(i, p);
            recent.add(p);
            if (recent.size() > windowSize) {
                recent.remove(0);
            }
            if (i % 25 == 24) {
                List<Cluster<DoublePoint>> expected = reference.cluster(recent.stream().map(DoublePoint::new).toList());
                List<Hotspot> actual = window.hotspots();
                assertThat(actual).as("clusters after row %d", i).hasSize(expected.size());
                assertThat(actual.stream().mapToInt(Hotspot::points).sum()).as("clustered points after row %d", i)
                        .isEqualTo(expected.stream().mapToInt(c -> c.getPoints().size()).sum());
            }
        }
    }
}
