package dev.resnettck.tck.golden;

import dev.resnettck.io.FileFormatException;
import java.nio.file.Path;

/** Golden data that cannot be trusted: missing, corrupt, mismatched. The message names the file and the problem. */
public final class GoldenDataException extends FileFormatException {
    public GoldenDataException(Path file, String problem) {
        super(file, problem);
    }
}
