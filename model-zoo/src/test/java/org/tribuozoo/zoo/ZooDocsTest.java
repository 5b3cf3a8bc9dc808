package org.tribuozoo.zoo;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** docs/zoo.md carries the table generated from the zoo, so the two cannot drift apart. */
class ZooDocsTest {

    @Test
    void docsZooMdHoldsTheGeneratedTable() throws IOException {
        Path doc = Path.of("..", "docs", "zoo.md");
        String table = ZooCatalog.markdownTable(new BuiltInModels().entries());
        String text = Files.readString(doc);
        assertTrue(text.contains(table), "docs/zoo.md is out of date; replace its table with:\n" + table);
    }
}
