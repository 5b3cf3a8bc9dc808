package org.tribuozoo.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** The real Keras files of keras-import's tests (see its files/README.md), for commands that read files. */
final class KerasTestFiles {

    private KerasTestFiles() {
    }

    /** A copy of one of the files, out of the class path, in a new folder under {@code dir}. */
    static Path copy(String name, Path dir) throws IOException {
        Path target = Files.createTempDirectory(dir, "keras").resolve(name);
        try (InputStream in = KerasTestFiles.class.getResourceAsStream("/org/tribuozoo/keras/files/" + name)) {
            Files.copy(in, target);
        }
        return target;
    }
}
