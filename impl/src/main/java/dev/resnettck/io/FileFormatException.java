package dev.resnettck.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A file that cannot be read as what it claims to be (weights, dataset, image, golden data). Every
 * parser of the project refuses bad input with this type or a subtype; the message names the file
 * and the problem (offset, key or field, and what is wrong).
 */
public class FileFormatException extends IOException {

    public FileFormatException(Path file, String problem) {
        super(file + ": " + problem);
    }

    public FileFormatException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
    }
}
