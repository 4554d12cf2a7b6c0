package dev.resnettck.io;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Weights files made to hurt: each is refused with a {@link WeightsFormatException} that names the
 * problem, without allocating what the file claims and without a stack overflow.
 */
class HostileWeightsTest {
    @TempDir
    Path dir;

    private Path pth(String name, byte[] pickle, byte[] storage, String... extraEntries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("archive/data.pkl"));
            zip.write(pickle);
            zip.putNextEntry(new ZipEntry("archive/data/0"));
            zip.write(storage);
            for (String extra : extraEntries) {
                zip.putNextEntry(new ZipEntry(extra));
                zip.write(1);
            }
        }
        Path file = dir.resolve(name);
        Files.write(file, bytes.toByteArray());
        return file;
    }

    private static void assertRefused(Path file, String expected) {
        WeightsFormatException e = assertThrows(WeightsFormatException.class, () -> Weights.read(file));
        assertTrue(e.getMessage().startsWith(file.toString()), "names the file: " + e.getMessage());
        assertTrue(e.getMessage().contains(expected), "says '" + expected + "': " + e.getMessage());
    }

    private byte[] tensor(long offset, int[] size, int[] stride) {
        return PickleBytes.oneTensor(16, offset, size, stride);
    }

    @Test
    void aWellFormedHandMadeCheckpointReads() throws IOException {
        Path file = pth("ok.pth", tensor(0, new int[] {4, 4}, new int[] {4, 1}), new byte[64]);
        assertTrue(Weights.read(file).containsKey("w"), "the hand-made pickle is a valid state_dict");
    }

    @Test
    void zipBombInPickleIsRefusedByItsInflatedSize() throws IOException {
        // 20 MB of zeros deflate to about 20 KB; reading stops at the 16 MB a pickle may have
        assertRefused(pth("bomb.pth", new byte[20 << 20], new byte[64]), "inflates past");
    }

    @Test
    void zipBombInStorageIsRefusedAtTheSizeThePickleDeclares() throws IOException {
        assertRefused(pth("storage-bomb.pth", tensor(0, new int[] {4, 4}, new int[] {4, 1}), new byte[50 << 20]),
                "inflates past 64 bytes");
    }

    @Test
    void entryNamesLeavingTheArchiveAreRefused() throws IOException {
        assertRefused(pth("dotdot.pth", tensor(0, new int[] {4, 4}, new int[] {4, 1}), new byte[64], "archive/../../evil"),
                "outside the archive folder");
        assertRefused(pth("absolute.pth", tensor(0, new int[] {4, 4}, new int[] {4, 1}), new byte[64], "/etc/evil"),
                "outside the archive folder");
    }

    @Test
    void deeplyNestedPickleIsRefusedWithoutStackOverflow() throws IOException {
        // a million lists each inside the next, used as a dict key: hashing it recurses a million deep
        int depth = 1_000_000;
        ByteArrayOutputStream p = new ByteArrayOutputStream();
        p.write(0x80);
        p.write(2);
        p.write('}');
        for (int i = 0; i < depth; i++) {
            p.write(']');
        }
        for (int i = 1; i < depth; i++) {
            p.write('a');
        }
        p.write(')');
        p.write('s');
        p.write('.');
        assertRefused(pth("nested.pth", p.toByteArray(), new byte[64]), "nests too deeply");
    }

    @Test
    void globalsOutsideTheWhitelistAreRefusedByName() throws IOException {
        for (String global : new String[] {"posix.system", "builtins.eval", "__builtin__.getattr", "nt.system",
            "subprocess.Popen", "torch.load"}) {
            String[] parts = global.split("\\.");
            byte[] pickle = new PickleBytes().global(parts[0], parts[1]).op('.').bytes();
            assertRefused(pth(parts[1] + ".pth", pickle, new byte[64]), "refusing to unpickle global '" + global + "'");
        }
    }

    @Test
    void rebuildPastTheStorageIsRefused() throws IOException {
        assertRefused(pth("offset.pth", tensor(1, new int[] {4, 4}, new int[] {4, 1}), new byte[64]), "reaches past its storage");
        assertRefused(pth("stride.pth", tensor(0, new int[] {4, 4}, new int[] {5, 1}), new byte[64]), "reaches past its storage");
        assertRefused(pth("negative.pth", tensor(0, new int[] {4, 4}, new int[] {-4, 1}), new byte[64]), "negative size or stride");
        assertRefused(pth("rank.pth", tensor(0, new int[] {4, 4}, new int[] {1}), new byte[64]), "but stride");
    }

    @Test
    void elementCountsBeyondAnIntAreRefused() throws IOException {
        assertRefused(pth("overflow.pth", tensor(0, new int[] {65536, 65536, 65536}, new int[] {0, 0, 0}), new byte[64]),
                "more than 2^31-1 elements");
        assertRefused(pth("huge-storage.pth", PickleBytes.oneTensor(1_000_000_000_000L, 0, new int[] {1}, new int[] {1}),
                new byte[64]), "more than 1073741824 bytes");
    }

    @Test
    void aLengthFieldClaimingGigabytesIsRefusedBeforeAllocating() throws IOException {
        byte[] pickle = {(byte) 0x80, 2, 'X', 1, (byte) 0x80, 2, 0x63, 'a', '.'}; // BINUNICODE of 1.6 GB (found by fuzzing)
        assertRefused(pth("length.pth", pickle, new byte[64]), "declares");
    }

    private Path safetensors(String name, String header, int dataBytes) throws IOException {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h);
        Path file = dir.resolve(name);
        Files.write(file, b.array());
        return file;
    }

    @Test
    void safetensorsClaimingATrillionElementsIsRefusedWithoutAllocating() throws IOException {
        assertRefused(safetensors("trillion.safetensors",
                "{\"w\":{\"dtype\":\"F32\",\"shape\":[1000000,1000000],\"data_offsets\":[0,4]}}", 4), "more than 2^31-1");
        assertRefused(safetensors("wraps.safetensors",
                "{\"w\":{\"dtype\":\"F32\",\"shape\":[2147483647,2147483647,2147483647,4],\"data_offsets\":[0,4]}}", 4),
                "more than 2^63");
    }

    @Test
    void overlappingOrOutOfRangeOffsetsAreRefused() throws IOException {
        assertRefused(safetensors("overlap.safetensors", "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", 12), "overlaps");
        assertRefused(safetensors("outside.safetensors", "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,16]}}", 8),
                "fall outside");
        assertRefused(safetensors("fraction.safetensors", "{\"a\":{\"dtype\":\"F32\",\"shape\":[2.5],\"data_offsets\":[0,8]}}", 8),
                "invalid shape");
        assertRefused(safetensors("text.safetensors", "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[\"0\",8]}}", 8),
                "not two integers");
        assertRefused(safetensors("dup.safetensors", "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                + "\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", 8), "Duplicate field 'a'");
    }
}
