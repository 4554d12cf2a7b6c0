package dev.resnettck.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resnettck.kernels.plain.PlainBackend;
import dev.resnettck.layers.BuiltinLayers;
import dev.resnettck.nn.Module;
import dev.resnettck.nn.StateDict;
import dev.resnettck.resnet.Init;
import dev.resnettck.resnet.ResNetSpec;
import dev.resnettck.resnet.ResNets;
import dev.resnettck.tensor.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** safetensors and torch.save checkpoints: round trips, torch's layout, and every malformed file named. */
class WeightsTest {
    @TempDir
    Path dir;

    private static Map<String, Tensor> resnet18Weights() {
        Module m = ResNets.build(ResNetSpec.RESNET18.withNumClasses(10), BuiltinLayers.factories(PlainBackend.create()));
        Init.realistic(m, 3);
        StateDict.entries(m).get("bn1.num_batches_tracked").data()[0] = 17;
        return StateDict.entries(m);
    }

    @Test
    void safetensorsRoundTrip() throws IOException {
        assertRoundTrip(dir.resolve("w.safetensors"));
    }

    @Test
    void pthRoundTrip() throws IOException {
        assertRoundTrip(dir.resolve("resnet18-0123abcd.pth"));
    }

    private static void assertRoundTrip(Path file) throws IOException {
        Map<String, Tensor> w = resnet18Weights();
        Weights.write(file, w);
        Map<String, Tensor> back = Weights.read(file);
        assertEquals(w.keySet().stream().toList(), back.keySet().stream().toList(), "keys and their order");
        for (String k : w.keySet()) {
            assertArrayEquals(w.get(k).shape(), back.get(k).shape(), k);
            assertArrayEquals(w.get(k).data(), back.get(k).data(), k);
        }
        Module fresh = ResNets.build(ResNetSpec.RESNET18.withNumClasses(10), BuiltinLayers.factories(PlainBackend.create()));
        StateDict.load(fresh, back, file.toString());
        assertEquals(17f, StateDict.entries(fresh).get("bn1.num_batches_tracked").data()[0]);
    }

    @Test
    void pthIsLaidOutAsTorchSaveWritesIt() throws IOException {
        Path file = dir.resolve("resnet18-0123abcd.pth");
        Weights.write(file, resnet18Weights());
        byte[] bytes = Files.readAllBytes(file);
        try (ZipFile zip = new ZipFile(file.toFile())) {
            assertEquals("3\n", new String(zip.getInputStream(zip.getEntry("resnet18-0123abcd/version")).readAllBytes(),
                    StandardCharsets.US_ASCII));
            assertEquals("little", new String(zip.getInputStream(zip.getEntry("resnet18-0123abcd/byteorder"))
                    .readAllBytes(), StandardCharsets.US_ASCII));
            byte[] pkl = zip.getInputStream(zip.getEntry("resnet18-0123abcd/data.pkl")).readAllBytes();
            assertEquals(0x80, pkl[0] & 0xff);
            assertEquals(2, pkl[1], "pickle protocol 2, torch.save's default");
            String text = new String(pkl, StandardCharsets.ISO_8859_1);
            assertTrue(text.startsWith("\u0080\u0002ccollections\nOrderedDict\nq\u0000)Rq\u0001(X\u000c\u0000\u0000\u0000conv1.weight"),
                    "torch's opening: an OrderedDict REDUCE, then the first key");
            assertTrue(text.contains("ctorch._utils\n_rebuild_tensor_v2\n"));
            assertTrue(text.contains("ctorch\nLongStorage\n"), "num_batches_tracked is int64");
            int records = 0;
            for (Enumeration<? extends ZipEntry> it = zip.entries(); it.hasMoreElements(); ) {
                ZipEntry e = it.nextElement();
                assertEquals(ZipEntry.STORED, e.getMethod(), e.getName() + " is stored uncompressed");
                if (e.getName().startsWith("resnet18-0123abcd/data/")) {
                    records++;
                    long dataOffset = localDataOffset(bytes, e.getName());
                    assertEquals(0, dataOffset % 64, e.getName() + " data starts on a 64-byte boundary");
                }
            }
            assertEquals(122, records);
        }
    }

    /** Finds an entry's local header and returns where its data starts. */
    private static long localDataOffset(byte[] zip, String name) {
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i + 30 < zip.length; i++) {
            if (b.getInt(i) == 0x04034b50 && (b.getShort(i + 26) & 0xffff) == n.length
                    && new String(zip, i + 30, n.length, StandardCharsets.UTF_8).equals(name)) {
                return i + 30 + n.length + (b.getShort(i + 28) & 0xffff);
            }
        }
        throw new AssertionError("no local header for " + name);
    }

    @Test
    void aPickleAskingForAnyOtherGlobalIsRefused() throws IOException {
        Path file = dir.resolve("evil.pth");
        byte[] pickle = "\u0080\u0002cos\nsystem\nX\u0002\u0000\u0000\u0000lsR.".getBytes(StandardCharsets.ISO_8859_1);
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            zip.putNextEntry(new ZipEntry("evil/data.pkl"));
            zip.write(pickle);
            zip.closeEntry();
        }
        WeightsFormatException e = assertThrows(WeightsFormatException.class, () -> Weights.read(file));
        assertTrue(e.getMessage().contains("refusing to unpickle global 'os.system'"), e.getMessage());
        assertTrue(e.getMessage().startsWith(file.toString()), "the message names the file");
    }

    @Test
    void aTruncatedSafetensorsFileIsNamed() throws IOException {
        Path file = dir.resolve("w.safetensors");
        Weights.write(file, resnet18Weights());
        byte[] all = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(all, all.length - 100));
        WeightsFormatException e = assertThrows(WeightsFormatException.class, () -> Weights.read(file));
        assertTrue(e.getMessage().contains("tensor 'fc.weight' data_offsets") && e.getMessage().contains("truncated"),
                e.getMessage());
    }

    @Test
    void aSafetensorsHeaderThatLiesIsNamed() throws IOException {
        Path file = dir.resolve("bad.safetensors");
        String header = "{\"w\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[0,12]}}";
        writeRaw(file, header, 12);
        WeightsFormatException e = assertThrows(WeightsFormatException.class, () -> Weights.read(file));
        assertTrue(e.getMessage().contains("tensor 'w' holds 12 bytes but F32 [2, 2] needs 16"), e.getMessage());
        writeRaw(file, "{\"w\":{\"dtype\":\"U8\",\"shape\":[1],\"data_offsets\":[0,1]}}", 1);
        e = assertThrows(WeightsFormatException.class, () -> Weights.read(file));
        assertTrue(e.getMessage().contains("unsupported dtype U8"), e.getMessage());
        writeRaw(file, "{not json", 0);
        e = assertThrows(WeightsFormatException.class, () -> Weights.read(file));
        assertTrue(e.getMessage().contains("header is not valid JSON"), e.getMessage());
    }

    private static void writeRaw(Path file, String header, int dataBytes) throws IOException {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h);
        Files.write(file, b.array());
    }

    @Test
    void loadingNamesEveryMissingUnexpectedAndMisshapedKey() {
        Map<String, Tensor> w = new LinkedHashMap<>(resnet18Weights());
        w.remove("layer1.0.bn1.running_var");
        w.put("layer9.weight", Tensor.zeros(1));
        w.put("fc.bias", Tensor.zeros(11));
        Module fresh = ResNets.build(ResNetSpec.RESNET18.withNumClasses(10), BuiltinLayers.factories(PlainBackend.create()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StateDict.load(fresh, w, "w.pth"));
        assertTrue(e.getMessage().contains("w.pth"), e.getMessage());
        assertTrue(e.getMessage().contains("missing key 'layer1.0.bn1.running_var'"), e.getMessage());
        assertTrue(e.getMessage().contains("unexpected key 'layer9.weight'"), e.getMessage());
        assertTrue(e.getMessage().contains("key 'fc.bias' has shape [11], expected [10]"), e.getMessage());
    }

    @Test
    void unknownExtensionIsNamed() {
        WeightsFormatException e = assertThrows(WeightsFormatException.class,
                () -> Weights.write(dir.resolve("w.bin"), Map.of()));
        assertTrue(e.getMessage().contains("expected .safetensors, .pth or .pt"), e.getMessage());
    }
}
