package io.sluice.analytics.ml;

/**
 * One dense region of a HOTSPOTS window: how many of the window's points it holds, their bounding box per numeric
 * column, and its density (points per unit of the box's volume, see {@link HotspotWindow}). The arrays are owned
 * by the record and not changed after construction.
 */
record Hotspot(int points, double density, double[] minValues, double[] maxValues) {
}
