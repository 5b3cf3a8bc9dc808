package org.tribuozoo.go.testutil;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Locates the shared, read-only data folder: system property {@code tribuozoo.shared.data}
 * (set by surefire to {@code <repo>/../shared/data}), else {@code ../shared/data} relative to
 * the repository root. Tests that need it are skipped, not failed, when it is absent.
 */
public final class TestData {

    private TestData() {
    }

    /** @return {@code <shared data>/go}, or skips the calling test when it is not there. */
    public static Path goData() {
        String prop = System.getProperty("tribuozoo.shared.data");
        Path[] candidates = {
            prop == null ? null : Path.of(prop, "go"),
            Path.of("..", "shared", "data", "go"),        // run from the repository root
            Path.of("..", "..", "shared", "data", "go"),  // run from the module folder
        };
        for (Path p : candidates) {
            if (p != null && Files.isDirectory(p)) {
                return p;
            }
        }
        Assumptions.assumeTrue(false, "shared Go data not found (set -Dtribuozoo.shared.data=<folder holding go/>); skipping");
        return null;
    }

    /** @return the first AlphaGo - Lee Sedol game, or skips. */
    public static Path leeSedolGame1() {
        Path p = goData().resolve("alphago-lee-sedol-2016/Lee-Sedol-vs-AlphaGo-20160309.sgf");
        Assumptions.assumeTrue(Files.isRegularFile(p), "missing " + p + "; skipping");
        return p;
    }
}
