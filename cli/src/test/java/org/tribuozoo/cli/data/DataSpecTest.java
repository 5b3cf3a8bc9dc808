package org.tribuozoo.cli.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.ConfigurableDataSource;
import org.tribuo.classification.Label;
import org.tribuozoo.tribuo.data.DemoDataSource;
import org.tribuozoo.tribuo.data.ImageLayout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The command line's data specs: every form parses, bad ones are one-line errors, each opens its data. */
class DataSpecTest {

    @Test
    void parsesEveryForm() {
        assertEquals(new DataSpec.IdxFiles(Path.of("a/img.gz"), Path.of("a/lab.gz")), DataSpec.parse("idx:a/img.gz,a/lab.gz"));
        assertEquals(new DataSpec.IdxPrefix(Path.of("../shared/data/mnist"), "t10k"),
                DataSpec.parse("idx:../shared/data/mnist:t10k"));
        assertEquals(new DataSpec.IdxPrefix(Path.of("C:/data"), "train"), DataSpec.parse("idx:C:/data:train"));
        assertEquals(new DataSpec.Cifar10(Path.of("/data/cifar")), DataSpec.parse("cifar10:/data/cifar"));
        assertEquals(new DataSpec.Folder(Path.of("pets")), DataSpec.parse("folder:pets"));
        assertEquals(new DataSpec.Demo(), DataSpec.parse(" demo "));
        assertEquals("idx:../shared/data/mnist:t10k", DataSpec.parse("idx:../shared/data/mnist:t10k").toString());
    }

    @Test
    void badSpecsAreOneLineErrors() {
        for (String bad : new String[] {"", "mnist", "csv:x.csv", "idx:", "idx:dir", "idx:dir:", "idx:a,", "idx:a,b,c",
                "folder:", "demo:3"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DataSpec.parse(bad), bad);
            assertTrue(!e.getMessage().contains("\n") && !e.getMessage().isBlank(), e.getMessage());
        }
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> DataSpec.parse("csv:x.csv"));
        assertTrue(unknown.getMessage().contains("unknown data kind 'csv'"), unknown.getMessage());
    }

    @Test
    void opensIdxFromTheSharedData() {
        Path mnist = Path.of(System.getProperty("tribuozoo.shared.data", "../../shared/data")).resolve("mnist");
        assumeTrue(Files.isRegularFile(mnist.resolve("t10k-images-idx3-ubyte.gz")),
                "no MNIST under " + mnist.toAbsolutePath() + "; skipped");
        DataSpec spec = DataSpec.parse("idx:" + mnist + ":t10k");
        assertEquals(Optional.of(ImageLayout.MNIST), spec.layout());
        ConfigurableDataSource<Label> source = spec.open(DataSpec.Role.TRAIN, null);
        assertEquals("7", source.iterator().next().getOutput().getLabel());
    }

    @Test
    void opensDemoPartsByRoleAndReportsMissingData(@TempDir Path dir) {
        DataSpec demo = DataSpec.parse("demo");
        assertEquals(6000, ((DemoDataSource) demo.open(DataSpec.Role.TRAIN, null)).size());
        assertEquals(1000, ((DemoDataSource) demo.open(DataSpec.Role.TEST, null)).size());
        assertEquals(Optional.of(ImageLayout.MNIST), demo.layout());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DataSpec.parse("idx:" + dir + ":train").open(DataSpec.Role.TRAIN, null));
        assertTrue(e.getMessage().contains("images file not found"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> DataSpec.parse("folder:" + dir).open(DataSpec.Role.TRAIN, null));
        assertTrue(e.getMessage().contains("needs an image size"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> DataSpec.parse("cifar10:" + dir.resolve("none")).open(DataSpec.Role.TEST, null));
        assertTrue(e.getMessage().contains("CIFAR-10 folder not found"), e.getMessage());
        assertInstanceOf(DataSpec.Folder.class, DataSpec.parse("folder:" + dir));
    }
}
