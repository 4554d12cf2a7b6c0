package dev.resnettck.tck.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Checks an output folder before any work is done, so a long run never ends on an unwritable path. */
final class OutputFolder {
    private OutputFolder() {
    }

    /** Creates {@code dir} if needed and proves it writable; otherwise an error that says why. */
    static void requireWritable(Path dir) {
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".write-check", ".tmp");
            Files.delete(probe);
        } catch (AccessDeniedException e) {
            throw new IllegalArgumentException("cannot write to " + dir + ": permission denied (" + e.getFile() + ")");
        } catch (FileSystemException e) {
            throw new IllegalArgumentException("cannot write to " + dir + ": " + (e.getReason() != null ? e.getReason()
                    : e.getClass().getSimpleName()) + " (" + e.getFile() + ")");
        } catch (IOException | UnsupportedOperationException e) {
            throw new IllegalArgumentException("cannot write to " + dir + ": " + e);
        }
    }
}
