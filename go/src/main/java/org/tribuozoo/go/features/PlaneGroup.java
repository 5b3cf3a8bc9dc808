package org.tribuozoo.go.features;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The named groups of feature planes, in plane order, as the planes report prints them. */
public enum PlaneGroup {
    STONE_COLOUR("stone_colour", FeaturePlanes.OWN_STONE, 3),
    ONES("ones", FeaturePlanes.ONES, 1),
    TURNS_SINCE("turns_since", FeaturePlanes.TURNS_SINCE, 8),
    LIBERTIES("liberties", FeaturePlanes.LIBERTIES, 8),
    CAPTURE_SIZE("capture_size", FeaturePlanes.CAPTURE_SIZE, 8),
    SELF_ATARI_SIZE("self_atari_size", FeaturePlanes.SELF_ATARI_SIZE, 8),
    LIBERTIES_AFTER("liberties_after", FeaturePlanes.LIBERTIES_AFTER, 8),
    LADDER_CAPTURE("ladder_capture", FeaturePlanes.LADDER_CAPTURE, 1),
    LADDER_ESCAPE("ladder_escape", FeaturePlanes.LADDER_ESCAPE, 1),
    SENSIBLENESS("sensibleness", FeaturePlanes.SENSIBLENESS, 1),
    ZEROS("zeros", FeaturePlanes.ZEROS, 1);

    private final String label;
    private final int first;
    private final int count;

    PlaneGroup(String label, int first, int count) {
        this.label = label;
        this.first = first;
        this.count = count;
    }

    /** @return the name used in reports, e.g. {@code liberties_after}. */
    public String label() {
        return label;
    }

    /** @return the index of the group's first plane. */
    public int first() {
        return first;
    }

    /** @return how many planes the group has. */
    public int count() {
        return count;
    }

    /** @return the group's slice of 48 plane sums. */
    public int[] slice(int[] planeSums) {
        return Arrays.copyOfRange(planeSums, first, first + count);
    }

    /** @return the report line, e.g. {@code liberties_after: [0, 4, 68, 289, 0, 0, 0, 0]}. */
    public String line(int[] planeSums) {
        return label + ": " + Arrays.stream(slice(planeSums)).mapToObj(Integer::toString)
                .collect(Collectors.joining(", ", "[", "]"));
    }
}
