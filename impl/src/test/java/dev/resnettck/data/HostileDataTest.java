package dev.resnettck.data;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resnettck.io.FileFormatException;
import dev.resnettck.tensor.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dataset and image files made to hurt: refused by name, without allocating what they declare. */
class HostileDataTest {
    @TempDir
    Path dir;

    private Path gz(String name, byte[] raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(raw);
        }
        Path file = dir.resolve(name);
        Files.write(file, out.toByteArray());
        return file;
    }

    private static void assertRefused(Path file, String expected, ThrowingRead read) {
        FileFormatException e = assertThrows(FileFormatException.class, read::run);
        assertTrue(e.getMessage().startsWith(file.toString()), "names the file: " + e.getMessage());
        assertTrue(e.getMessage().contains(expected), "says '" + expected + "': " + e.getMessage());
    }

    interface ThrowingRead {
        void run() throws IOException;
    }

    @Test
    void idxWhoseCountExceedsItsDataIsRefused() throws IOException {
        Path file = gz("short-idx.gz", ByteBuffer.allocate(16 + 10).putInt(0x0803).putInt(60000).putInt(28).putInt(28).array());
        assertRefused(file, "the header declares 47040000 data bytes, the file holds 10", () -> Idx.readImages(file));
    }

    @Test
    void idxDeclaringGigabytesIsRefusedBeforeReading() throws IOException {
        Path file = gz("huge-idx.gz", ByteBuffer.allocate(16).putInt(0x0803).putInt(65536).putInt(65536).putInt(1).array());
        assertRefused(file, "past 268435456 bytes", () -> Idx.readImages(file));
    }

    @Test
    void idxWithTrailingDataOrAWrongMagicIsRefused() throws IOException {
        Path trailing = gz("trailing-idx.gz", ByteBuffer.allocate(8 + 3).putInt(0x0801).putInt(2).put(new byte[3]).array());
        assertRefused(trailing, "trailing bytes", () -> Idx.readLabels(trailing));
        Path magic = gz("magic-idx.gz", ByteBuffer.allocate(8 + 2).putInt(0x0803).putInt(2).put(new byte[2]).array());
        assertRefused(magic, "magic number 0x803", () -> Idx.readLabels(magic));
        Path notGzip = dir.resolve("plain-idx.gz");
        Files.write(notGzip, new byte[] {1, 2, 3, 4});
        assertRefused(notGzip, "not a valid gzip stream", () -> Idx.readLabels(notGzip));
    }

    /** A PNG whose header declares {@code w x h} pixels and whose data is a few bytes. */
    private Path png(String name, int w, int h) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        byte[] ihdr = ByteBuffer.allocate(13).putInt(w).putInt(h).put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0)
                .put((byte) 0).array();
        chunk(out, "IHDR", ihdr);
        chunk(out, "IDAT", new byte[] {0x78, (byte) 0x9c, 3, 0, 0, 0, 0, 1});
        chunk(out, "IEND", new byte[0]);
        Path file = dir.resolve(name);
        Files.write(file, out.toByteArray());
        return file;
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] t = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(t);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    @Test
    void anImageDeclaringTenBillionPixelsIsRefusedBeforeDecoding() throws IOException {
        Path file = png("huge.png", 100_000, 100_000);
        assertRefused(file, "header declares 100000 x 100000 pixels", () -> Images.readRgb(file));
    }

    @Test
    void aCorruptImageIsAFormatErrorWhateverTheDecoderThrows() throws IOException {
        Path file = png("corrupt.png", 4, 4); // its IDAT holds no pixels
        assertRefused(file, "", () -> Images.readRgb(file));
        Path text = dir.resolve("notes.png");
        Files.writeString(text, "not an image");
        assertRefused(text, "not an image format this JDK reads", () -> Images.readRgb(text));
    }

    @Test
    void theTransformRefusesAnImageTooElongatedToResize() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ImageNetTransform.apply(Tensor.of(new float[3 * 2 * 1000], 3, 2, 1000)));
        assertTrue(e.getMessage().contains("aspect ratio up to 64:1"), e.getMessage());
    }
}
