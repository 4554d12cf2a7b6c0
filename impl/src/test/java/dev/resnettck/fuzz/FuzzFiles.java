package dev.resnettck.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The fuzz targets' scratch file: the parsers read paths, so each input is written to one reused
 * file under the build folder (a real file, as users' files are), in a folder of this JVM's own: the
 * fuzzing runs one target's JVM per core at once, and targets share some file names (PickleFuzzTest
 * checks its archives with TorchCheckpointFuzzTest's own assertion, which writes again.pth).
 */
public final class FuzzFiles {
    private FuzzFiles() {
    }

    /** Writes {@code bytes} to {@code target/fuzz-scratch/<this JVM's pid>/<name>} and returns its path. */
    public static Path write(String name, byte[] bytes) {
        try {
            Path dir = Path.of("target", "fuzz-scratch", Long.toString(ProcessHandle.current().pid()));
            Files.createDirectories(dir);
            Path file = dir.resolve(name);
            Files.write(file, bytes);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the fuzz input file", e);
        }
    }
}
