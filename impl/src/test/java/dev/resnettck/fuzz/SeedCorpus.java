package dev.resnettck.fuzz;

import dev.resnettck.io.SafeTensors;
import dev.resnettck.io.TorchCheckpoint;
import dev.resnettck.tensor.Tensor;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.imageio.ImageIO;

/**
 * Writes the fuzz targets' seed corpora (committed under src/test/resources/.../*FuzzTestInputs/):
 * small well-formed files of each format plus the hand-written hostile ones. Run once from the impl
 * folder when a format changes: {@code java -cp target/classes:target/test-classes:... dev.resnettck.fuzz.SeedCorpus}
 * (the README's fuzzing section has the command).
 */
public final class SeedCorpus {
    private static final Path ROOT = Path.of("src/test/resources/dev/resnettck");

    private SeedCorpus() {
    }

    public static void main(String[] args) throws IOException {
        Path scratch = Files.createTempDirectory("seeds");
        Map<String, Tensor> small = new LinkedHashMap<>();
        small.put("conv.weight", Tensor.of(new float[] {1, -2, 3.5f, 0, 1e-7f, -0f}, 2, 3));
        small.put("bn.num_batches_tracked", Tensor.of(new float[] {7}, new int[0]));
        small.put("fc.bias", Tensor.of(new float[] {0.25f, -1}, 2));

        Path st = scratch.resolve("small.safetensors");
        SafeTensors.write(st, small, Map.of("format", "pt"));
        Path io = ROOT.resolve("io");
        byte[] stBytes = Files.readAllBytes(st);
        seed(io, "SafeTensorsFuzzTest", "small", stBytes);
        seed(io, "SafeTensorsFuzzTest", "truncated", java.util.Arrays.copyOf(stBytes, stBytes.length - 5));
        seed(io, "SafeTensorsFuzzTest", "header-1e12-elements", safetensors(
                "{\"w\":{\"dtype\":\"F32\",\"shape\":[1000000,1000000],\"data_offsets\":[0,4]}}", 4));
        seed(io, "SafeTensorsFuzzTest", "overlapping", safetensors(
                "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", 12));
        seed(io, "SafeTensorsFuzzTest", "duplicate-name", safetensors(
                "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", 8));

        Path pth = scratch.resolve("small.pth");
        TorchCheckpoint.write(pth, small);
        byte[] pthBytes = Files.readAllBytes(pth);
        seed(io, "TorchCheckpointFuzzTest", "small", pthBytes);
        seed(io, "TorchCheckpointFuzzTest", "truncated", java.util.Arrays.copyOf(pthBytes, pthBytes.length / 2));
        // PickleFuzzTest's archive holds storages data/0 to data/3 of 64 bytes: 16 F32 or 8 I64 elements each
        Map<String, Tensor> sixteen = new LinkedHashMap<>();
        sixteen.put("w", Tensor.of(new float[16], 4, 4));
        sixteen.put("b", Tensor.of(new float[16], 16));
        sixteen.put("bn.num_batches_tracked", Tensor.of(new float[8], 8));
        Path pth16 = scratch.resolve("sixteen.pth");
        TorchCheckpoint.write(pth16, sixteen);
        try (ZipFile zip = new ZipFile(pth16.toFile())) {
            seed(io, "PickleFuzzTest", "small", zip.getInputStream(zip.getEntry("sixteen/data.pkl")).readAllBytes());
        }
        seed(io, "PickleFuzzTest", "posix-system", ascii("\u0080\u0002cposix\nsystem\nq\u0000X\u0002\u0000\u0000\u0000idq\u0001\u0085q\u0002Rq\u0003."));
        seed(io, "PickleFuzzTest", "builtins-eval", ascii("\u0080\u0002cbuiltins\neval\nX\u0001\u0000\u0000\u00001\u0085R."));
        seed(io, "PickleFuzzTest", "getattr", ascii("\u0080\u0002c__builtin__\ngetattr\n."));
        seed(io, "PickleFuzzTest", "nested-tuples", nested(200_000));

        Path data = ROOT.resolve("data");
        byte[] labels = header(0x0801, 3, new byte[] {1, 2, 9});
        byte[] images = header(0x0803, 2, 2, 2, new byte[] {0, 1, 2, 3, 4, 5, 6, (byte) 255});
        seed(data, "IdxFuzzTest", "labels", concat(new byte[] {2}, labels)); // labels, gzipped by the target
        seed(data, "IdxFuzzTest", "images", concat(new byte[] {3}, images)); // images, gzipped by the target
        seed(data, "IdxFuzzTest", "count-exceeds-data", concat(new byte[] {3}, header(0x0803, 60000, 28, 28, new byte[10])));
        for (String format : new String[] {"png", "jpg", "bmp", "gif"}) {
            BufferedImage img = new BufferedImage(5, 3, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < 3; y++) {
                for (int x = 0; x < 5; x++) {
                    img.setRGB(x, y, (x * 50) << 16 | (y * 80) << 8 | 0x40);
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(img, format, out);
            seed(data, "ImageFuzzTest", "small-" + format, out.toByteArray());
        }
        Path train = ROOT.resolve("train");
        dev.resnettck.nn.Module model = dev.resnettck.train.LearnerCheckpointFuzzTest.model();
        Map<String, Tensor> state = new LinkedHashMap<>(dev.resnettck.nn.StateDict.entries(model));
        for (Map.Entry<String, Tensor> e : dev.resnettck.nn.StateDict.entries(model).entrySet()) {
            int n = e.getValue().numel();
            state.put("optimizer." + e.getKey() + ".exp_avg", Tensor.of(new float[n], n));
            state.put("optimizer." + e.getKey() + ".exp_avg_sq", Tensor.of(new float[n], n));
            state.put("optimizer." + e.getKey() + ".step", Tensor.of(new float[] {4}, 1));
        }
        state.put("history.step_losses", Tensor.of(new float[] {2.3f, 2.1f, 1.9f, 1.7f}, 4));
        state.put("history.epochs", Tensor.of(new float[] {0, 2.2f, 0.3f, 2.0f, 0.4f, 1, 1.8f, 0.5f, 1.7f, 0.6f}, 2, 5));
        Path ckpt = scratch.resolve("epoch2.safetensors");
        SafeTensors.write(ckpt, state, Map.of("recipe", dev.resnettck.train.LearnerCheckpointFuzzTest.RECIPE, "epoch", "2",
                "schedule_step", "4"));
        seed(train, "LearnerCheckpointFuzzTest", "epoch2", Files.readAllBytes(ckpt));
        System.out.println("seed corpora written under " + ROOT.toAbsolutePath());
    }

    private static void seed(Path pkg, String test, String name, byte[] bytes) throws IOException {
        Path dir = pkg.resolve(test + "Inputs").resolve(test.startsWith("Image") ? "decodesOrRefusesByName"
                : test.startsWith("LearnerCheckpoint") ? "loadsOrRefusesByName" : "readsOrRefusesByName");
        Files.createDirectories(dir);
        Files.write(dir.resolve(name), bytes);
    }

    static byte[] safetensors(String json, int dataBytes) {
        byte[] h = json.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h);
        return b.array();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A protocol-2 pickle of tuples nested {@code depth} deep: one TUPLE1 opcode per level. */
    static byte[] nested(int depth) {
        byte[] out = new byte[depth + 4];
        out[0] = (byte) 0x80;
        out[1] = 2;
        out[2] = ')';
        for (int i = 0; i < depth; i++) {
            out[3 + i] = (byte) 0x85;
        }
        out[depth + 3] = '.';
        return out;
    }

    private static byte[] header(int magic, int d0, byte[] data) {
        return ByteBuffer.allocate(8 + data.length).putInt(magic).putInt(d0).put(data).array();
    }

    private static byte[] header(int magic, int d0, int d1, int d2, byte[] data) {
        return ByteBuffer.allocate(16 + data.length).putInt(magic).putInt(d0).putInt(d1).putInt(d2).put(data).array();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
