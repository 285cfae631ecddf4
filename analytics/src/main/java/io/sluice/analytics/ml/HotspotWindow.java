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
 * (O(n·d)) and links itself to those within ε; an evicted point lowers its neighbours' degrees and its links go
 * stale (swept lazily). Clustering a window is then a walk over core points and their links (O(n + links))
 * instead of DBSCAN's O(n²) distance scan. The window is reclustered for every point added, as each output row
 * carries the hotspots of the window it ends: cheap when hotspots are sparse, O(n²) links in the worst case of a
 * window whose points all lie within ε of each other (see benchmarks/README.md for both figures).
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
    /** Per slot, the sequence numbers of its neighbours; entries below {@link #oldestSequence} are stale. */
    private final long[][] links;
    private final int[] stored;
    private final int[] degree;
    private final int[] label;
    private final int[] queue;
    private long oldestSequence;
    private int oldestSlot;
    private int size;
    private int unlabelled;

    HotspotWindow(int windowSize, double scanRadius, int minPoints) {
        this.capacity = windowSize;
        this.minPoints = minPoints;
        this.radius = scanRadius;
        this.radiusSquared = scanRadius * scanRadius;
        this.points = new double[windowSize][];
        this.rowtimes = new long[windowSize];
        this.links = new long[windowSize][4];
        this.stored = new int[windowSize];
        this.degree = new int[windowSize];
        this.label = new int[windowSize];
        this.queue = new int[windowSize];
    }

    /** Adds a point, evicting the oldest when the window is full. {@code point} is kept. */
    void add(long rowtime, double[] point) {
        if (size == capacity) {
            evictOldest();
        }
        long sequence = oldestSequence + size;
        int slot = slot(sequence);
        points[slot] = point;
        rowtimes[slot] = rowtime;
        stored[slot] = 0;
        degree[slot] = 0;
        for (long other = oldestSequence; other < sequence; other++) {
            if (distanceSquared(point, points[slot(other)]) <= radiusSquared) {
                link(slot, other);
                link(slot(other), sequence);
            }
        }
        size++;
    }

    /** The ROWTIME of the oldest point in the window, or {@link Long#MAX_VALUE} when it is empty. */
    long oldestRowtime() {
        return size == 0 ? Long.MAX_VALUE : rowtimes[oldestSlot];
    }

    /** The window's hotspots, densest first. */
    List<Hotspot> hotspots() {
        Arrays.fill(label, -1);
        unlabelled = size;
        List<Hotspot> found = new ArrayList<>();
        for (long sequence = oldestSequence; sequence < oldestSequence + size; sequence++) {
            int seed = slot(sequence);
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
        unlabelled--;
        while (head < tail) {
            int p = queue[head++];
            for (int d = 0; d < dims; d++) {
                min[d] = Math.min(min[d], points[p][d]);
                max[d] = Math.max(max[d], points[p][d]);
            }
            // once every point has a hotspot there is nothing left to reach: a window that is one dense blob
            // would otherwise walk all n² links
            if (unlabelled > 0 && isCore(p)) {
                if (stored[p] > 2 * degree[p]) {
                    compact(p);
                }
                long[] list = links[p];
                for (int k = 0; k < stored[p]; k++) {
                    if (list[k] >= oldestSequence) {
                        int q = slot(list[k]);
                        if (label[q] == -1) {
                            label[q] = cluster;
                            queue[tail++] = q;
                            unlabelled--;
                        }
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

    /** The slot of a sequence number in the window (no division: this runs once per link walked). */
    private int slot(long sequence) {
        int slot = oldestSlot + (int) (sequence - oldestSequence);
        return slot >= capacity ? slot - capacity : slot;
    }

    /**
     * Drops the oldest point. Its neighbours' degrees drop at once (O(its degree)); their links to it go stale
     * and are swept out when a list is next walked or full, instead of searching every list now.
     */
    private void evictOldest() {
        int slot = oldestSlot;
        oldestSequence++;
        oldestSlot = oldestSlot + 1 == capacity ? 0 : oldestSlot + 1;
        size--;
        for (int k = 0; k < stored[slot]; k++) {
            long other = links[slot][k];
            if (other >= oldestSequence) {
                degree[slot(other)]--;
            }
        }
        points[slot] = null;
    }

    private void link(int from, long to) {
        if (stored[from] == links[from].length) {
            compact(from);
            if (stored[from] > links[from].length / 2) {
                links[from] = Arrays.copyOf(links[from], links[from].length * 2);
            }
        }
        links[from][stored[from]++] = to;
        degree[from]++;
    }

    private void compact(int slot) {
        long[] list = links[slot];
        int kept = 0;
        for (int k = 0; k < stored[slot]; k++) {
            if (list[k] >= oldestSequence) {
                list[kept++] = list[k];
            }
        }
        stored[slot] = kept;
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
