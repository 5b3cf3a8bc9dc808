package org.tribuozoo.examples;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** docs/tribuo.md shows the quickstart program verbatim. */
class DocsTest {

    @Test
    void tribuoGuideHoldsTheQuickstartVerbatim() throws Exception {
        Path module = Files.isDirectory(Path.of("src")) ? Path.of(".") : Path.of("examples");
        String program = Files.readString(module.resolve("src/main/java/org/tribuozoo/examples/TribuoQuickstart.java"))
                .stripTrailing();
        String guide = Files.readString(module.resolve("../docs/tribuo.md"));
        assertTrue(guide.contains("```java\n" + program + "\n```"),
                "docs/tribuo.md must contain TribuoQuickstart.java verbatim; copy it again after changing either");
    }
}
