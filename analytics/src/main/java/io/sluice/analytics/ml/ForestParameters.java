package io.sluice.analytics.ml;

import com.amazon.randomcutforest.RandomCutForest;

/**
 * KDA's four RANDOM_CUT_FOREST parameters, already range-checked, and how they map onto randomcutforest-core:
 * subSampleSize is the library's sample size and also its {@code outputAfter} (KDA scores 0 while the first
 * subSampleSize rows train the model), timeDecay is a number of records so the library's decay rate is its
 * inverse, and shingling is internal (the operator passes one row's values, the forest keeps the last
 * shingleSize rows). Immutable.
 */
record ForestParameters(int numberOfTrees, int subSampleSize, long timeDecay, int shingleSize) {

    static final int DEFAULT_TREES = 100;
    static final int DEFAULT_SAMPLE = 256;
    static final int DEFAULT_DECAY = 100_000;
    static final int DEFAULT_SHINGLE = 1;

    /** A new, untrained forest over rows of {@code columns} numeric values. */
    RandomCutForest newForest(int columns, long seed) {
        return RandomCutForest.builder()
                .dimensions(columns * shingleSize)
                .shingleSize(shingleSize)
                .internalShinglingEnabled(true)
                .numberOfTrees(numberOfTrees)
                .sampleSize(subSampleSize)
                .outputAfter(subSampleSize)
                .timeDecay(1.0 / timeDecay)
                .randomSeed(seed)
                .build();
    }
}
