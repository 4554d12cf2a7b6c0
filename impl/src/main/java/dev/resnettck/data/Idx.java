package dev.resnettck.data;

import dev.resnettck.io.FileFormatException;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * The IDX format of MNIST-style datasets, gzip-compressed: a big-endian magic number (0x0803 for
 * unsigned-byte images of 3 dimensions, 0x0801 for labels), the dimension sizes, then the bytes.
 * Every field is validated; a corrupt or truncated file is a {@link FileFormatException} naming the
 * file and the offset. Memory follows the bytes actually present, never the sizes a header declares.
 */
public final class Idx {
    /** The largest array read (FashionMNIST's training images are 47 MB); a larger declared size is refused. */
    public static final long MAX_BYTES = 1L << 28;

    /** An unsigned-byte array and its dimensions. */
    public record Array(int[] dims, byte[] data) {
        public int count() {
            return dims[0];
        }
    }

    private Idx() {
    }

    public static Array readImages(Path file) throws IOException {
        return read(file, 0x0803, 3);
    }

    public static Array readLabels(Path file) throws IOException {
        return read(file, 0x0801, 1);
    }

    static Array read(Path file, int expectedMagic, int expectedDims) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": no such file");
        }
        try (InputStream raw = Files.newInputStream(file);
             DataInputStream in = new DataInputStream(new GZIPInputStream(raw, 1 << 16))) {
            long offset = 0;
            int magic = readInt(in, file, offset);
            offset += 4;
            if (magic != expectedMagic) {
                throw new FileFormatException(file, "magic number 0x" + Integer.toHexString(magic) + " at offset 0, expected 0x"
                        + Integer.toHexString(expectedMagic) + " (" + (expectedDims == 3 ? "images" : "labels") + ")");
            }
            int[] dims = new int[expectedDims];
            long total = 1;
            for (int d = 0; d < expectedDims; d++) {
                dims[d] = readInt(in, file, offset);
                if (dims[d] <= 0) {
                    throw new FileFormatException(file, "dimension " + d + " is " + dims[d] + " at offset " + offset);
                }
                offset += 4;
                total *= dims[d];
                if (total > MAX_BYTES) {
                    throw new FileFormatException(file, "dimension " + d + " (" + dims[d] + ", at offset " + (offset - 4)
                            + ") brings the declared size past " + MAX_BYTES + " bytes, beyond any dataset this suite reads");
                }
            }
            // readNBytes grows its buffer as bytes arrive: a header that lies about the count costs nothing
            byte[] data = in.readNBytes((int) total);
            if (data.length < total) {
                throw new FileFormatException(file, "truncated at offset " + (offset + data.length) + " (uncompressed): the header"
                        + " declares " + total + " data bytes, the file holds " + data.length);
            }
            if (in.read() >= 0) {
                throw new FileFormatException(file, "trailing bytes after offset " + (offset + data.length)
                        + ": the header's sizes do not match the data");
            }
            return new Array(dims, data);
        } catch (ZipException e) {
            throw new FileFormatException(file, "not a valid gzip stream (" + e.getMessage() + ")", e);
        } catch (EOFException e) {
            throw new FileFormatException(file, "truncated inside the gzip stream", e);
        }
    }

    private static int readInt(DataInputStream in, Path file, long offset) throws IOException {
        try {
            return in.readInt();
        } catch (EOFException e) {
            throw new FileFormatException(file, "truncated at offset " + offset + " (header)", e);
        }
    }
}
