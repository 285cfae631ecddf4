package io.sluice.analytics.ml;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The last {@code windowSize} points of a HOTSPOTS cursor and their density clusters: DBSCAN with ε = scanRadius
 * (Euclidean) and minPts = minimumNumberOfPointsInAHotspot, where a point's ε-neighbourhood counts the point
 * itself (so minPts 2 makes any two close points a hotspot). Core points within ε of each other form one
 * hotspot, and border points join the first hotspot (oldest core point first) that reaches them; noise belongs to
 * none.
 *
 * <p>Neighbourhoods are kept incrementally: a new point measures its distance to the points in the window
 * (O(n·d)) and an evicted point leaves its neighbours' lists, so clustering a window is a walk over core points
 * and their links (O(n + links)) instead of DBSCAN's O(n²) distance scan. The window is reclustered for every
 * point added, as each output row carries the hotspots of the window it ends.
 *
 * <p>Density = points / volume of the bounding box, where each side of the box counts as at least scanRadius:
 * points that coincide in a column (a zero-width side) would otherwise make the volume 0 and the density
 * infinite, and at least ε is the resolution the clustering works at.
 *
 * <p><b>Threading</b>: single-threaded.
 */
final class HotspotWindow {

    private final int capacity;
    private final int minPoints;
    private final double radius;
    private final double radiusSquared;
    private final double[][] points;
    private final long[] rowtimes;
    private final int[][] links;
    private final int[] degree;
    private final int[] label;
    private final int[] queue;
    private int oldest;
    private int size;

    HotspotWindow(int windowSize, double scanRadius, int minPoints) {
        this.capacity = windowSize;
        this.minPoints = minPoints;
        this.radius = scanRadius;
        this.radiusSquared = scanRadius * scanRadius;
        this.points = new double[windowSize][];
        this.rowtimes = new long[windowSize];
        this.links = new int[windowSize][4];
        this.degree = new int[windowSize];
        this.label = new int[windowSize];
        this.queue = new int[windowSize];
    }

    /** Adds a point, evicting the oldest when the window is full. {@code point} is kept. */
    void add(long rowtime, double[] point) {
        int slot;
        if (size == capacity) {
            slot = oldest;
            unlink(slot);
            oldest = (oldest + 1) % capacity;
            size--;
        } else {
            slot = (oldest + size) % capacity;
        }
        points[slot] = point;
        rowtimes[slot] = rowtime;
        degree[slot] = 0;
        for (int i = 0; i < size; i++) {
            int other = (oldest + i) % capacity;
            if (distanceSquared(point, points[other]) <= radiusSquared) {
                link(slot, other);
                link(other, slot);
            }
        }
        size++;
    }

    /** The ROWTIME of the oldest point in the window, or {@link Long#MAX_VALUE} when it is empty. */
    long oldestRowtime() {
        return size == 0 ? Long.MAX_VALUE : rowtimes[oldest];
    }

    /** The window's hotspots, densest first. */
    List<Hotspot> hotspots() {
        Arrays.fill(label, -1);
        List<Hotspot> found = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            int seed = (oldest + i) % capacity;
            if (label[seed] == -1 && isCore(seed)) {
                found.add(expand(seed, found.size()));
            }
        }
        found.sort(Comparator.comparingDouble(Hotspot::density).reversed());
        return found;
    }

    private Hotspot expand(int seed, int cluster) {
        int dims = points[seed].length;
        double[] min = points[seed].clone();
        double[] max = points[seed].clone();
        int head = 0;
        int tail = 0;
        label[seed] = cluster;
        queue[tail++] = seed;
        while (head < tail) {
            int p = queue[head++];
            for (int d = 0; d < dims; d++) {
                min[d] = Math.min(min[d], points[p][d]);
                max[d] = Math.max(max[d], points[p][d]);
            }
            if (isCore(p)) {
                for (int k = 0; k < degree[p]; k++) {
                    int q = links[p][k];
                    if (label[q] == -1) {
                        label[q] = cluster;
                        queue[tail++] = q;
                    }
                }
            }
        }
        double volume = 1;
        for (int d = 0; d < dims; d++) {
            volume *= Math.max(max[d] - min[d], radius);
        }
        // a tiny scanRadius in many columns could underflow to 0: keep the density a finite JSON number
        return new Hotspot(tail, tail / Math.max(volume, Double.MIN_VALUE), min, max);
    }

    private boolean isCore(int slot) {
        return degree[slot] + 1 >= minPoints;
    }

    private void link(int from, int to) {
        if (degree[from] == links[from].length) {
            links[from] = Arrays.copyOf(links[from], Math.min(capacity, links[from].length * 2));
        }
        links[from][degree[from]++] = to;
    }

    private void unlink(int slot) {
        for (int k = 0; k < degree[slot]; k++) {
            int other = links[slot][k];
            int[] list = links[other];
            for (int j = 0; j < degree[other]; j++) {
                if (list[j] == slot) {
                    list[j] = list[--degree[other]];
                    break;
                }
            }
        }
        degree[slot] = 0;
    }

    private static double distanceSquared(double[] a, double[] b) {
        double sum = 0;
        for (int d = 0; d < a.length; d++) {
            double diff = a[d] - b[d];
            sum += diff * diff;
        }
        return sum;
    }
}
