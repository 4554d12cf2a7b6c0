package dev.resnettck.io;

import java.nio.file.Path;

/** A weights file that cannot be read as what it claims to be; the message names the file and the problem. */
public final class WeightsFormatException extends FileFormatException {

    public WeightsFormatException(Path file, String problem) {
        super(file, problem);
    }

    public WeightsFormatException(Path file, String problem, Throwable cause) {
        super(file, problem, cause);
    }
}
