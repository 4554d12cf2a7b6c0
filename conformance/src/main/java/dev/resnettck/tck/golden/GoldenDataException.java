package dev.resnettck.tck.golden;

import java.io.IOException;
import java.nio.file.Path;

/** Golden data that cannot be trusted: missing, corrupt, mismatched. The message names the file and the problem. */
public final class GoldenDataException extends IOException {
    public GoldenDataException(Path file, String problem) {
        super(file + ": " + problem);
    }
}
