package org.tribuozoo.examples;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** docs/tribuo.md shows the quickstart program verbatim (the one a new project runs unchanged). */
class DocsTest {

    @Test
    void tribuoGuideHoldsTheQuickstartVerbatim() throws Exception {
        Path module = Files.isDirectory(Path.of("src")) ? Path.of(".") : Path.of("examples");
        String program = Files.readString(module.resolve("src/main/java/org/tribuozoo/examples/Quickstart.java"))
                .stripTrailing();
        String guide = Files.readString(module.resolve("../docs/tribuo.md"));
        assertTrue(guide.contains("```java\n" + program + "\n```"),
                "docs/tribuo.md must contain Quickstart.java verbatim; copy it again after changing either");
    }

    /** A new project with tribuo-plugin alone compiles it: no cli, picocli or examples' helper in it. */
    @Test
    void theQuickstartNeedsOnlyTheTribuoPlugin() throws Exception {
        Path module = Files.isDirectory(Path.of("src")) ? Path.of(".") : Path.of("examples");
        String program = Files.readString(module.resolve("src/main/java/org/tribuozoo/examples/Quickstart.java"));
        for (String line : program.lines().filter(l -> l.startsWith("import ")).toList()) {
            String name = line.substring("import ".length());
            assertTrue(name.startsWith("java.") || name.startsWith("org.tribuo.")
                    || name.matches("org\\.tribuozoo\\.(tribuo|graph|dsl|zoo)\\..*"), "Quickstart imports " + name);
        }
        assertTrue(!program.contains("Common."), "Quickstart uses the examples' Common");
    }
}
