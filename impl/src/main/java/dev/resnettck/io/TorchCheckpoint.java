package dev.resnettck.io;

import dev.resnettck.io.SafeUnpickler.StorageRef;
import dev.resnettck.io.SafeUnpickler.TensorRef;
import dev.resnettck.tensor.Shapes;
import dev.resnettck.tensor.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import net.razorvine.pickle.PickleException;

/**
 * torch's {@code .pth} checkpoint (the zip format of {@code torch.save} since 1.6): an archive
 * folder holding {@code data.pkl} (the pickled state_dict), one raw little-endian record per
 * storage under {@code data/}, and {@code version}. Reading interprets the pickle with
 * {@link SafeUnpickler}; writing lays the archive out as torch does ({@link TorchCheckpointWriter}).
 */
public final class TorchCheckpoint {
    /** The largest data.pkl read: a ResNet152 state_dict's is about 50 KB. */
    static final int MAX_PICKLE_BYTES = 16 << 20;
    /** The largest storage read: ResNet152's largest tensor is 9 MB. */
    static final long MAX_STORAGE_BYTES = 1L << 30;

    private TorchCheckpoint() {
    }

    /**
     * The state_dict of a checkpoint. Memory is bounded by the sizes a state_dict can have, never by
     * what an archive declares; every refusal is a {@link WeightsFormatException} naming file and problem.
     */
    public static Map<String, Tensor> read(Path file) throws IOException {
        return ParseGuard.run(file, "the checkpoint", () -> readUnguarded(file));
    }

    private static Map<String, Tensor> readUnguarded(Path file) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            String prefix = archivePrefix(file, zip);
            ZipEntry order = zip.getEntry(prefix + "byteorder");
            if (order != null) {
                String byteOrder = new String(bounded(file, zip, order, 64), StandardCharsets.US_ASCII).trim();
                if (!byteOrder.equals("little")) {
                    throw new WeightsFormatException(file, "byteorder '" + byteOrder + "' is not supported (only little)");
                }
            }
            Object root;
            byte[] pickle = bounded(file, zip, zip.getEntry(prefix + "data.pkl"), MAX_PICKLE_BYTES);
            try {
                root = new SafeUnpickler(file.toString()).loads(pickle);
            } catch (PickleException e) {
                throw new WeightsFormatException(file, e.getMessage(), e);
            } catch (IOException e) {
                throw new WeightsFormatException(file, "data.pkl is not a complete pickle (" + e.getMessage() + ")", e);
            }
            if (!(root instanceof Map<?, ?> dict)) {
                throw new WeightsFormatException(file, "data.pkl holds " + (root == null ? "None" : root.getClass().getSimpleName())
                        + ", not a state_dict (a dict of tensors); save model.state_dict(), not the model");
            }
            Map<String, Tensor> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : dict.entrySet()) {
                if (!(e.getValue() instanceof TensorRef ref)) {
                    throw new WeightsFormatException(file, "entry '" + e.getKey() + "' is not a tensor");
                }
                out.put(String.valueOf(e.getKey()), tensor(file, zip, prefix, String.valueOf(e.getKey()), ref));
            }
            return out;
        } catch (ZipException | java.io.EOFException | IllegalArgumentException e) {
            // ZipFile answers a malformed entry name with IllegalArgumentException, a cut central directory with
            // EOFException (found by TorchCheckpointFuzzTest)
            throw new WeightsFormatException(file, "not a torch.save zip archive (" + e.getMessage()
                    + "); the legacy pre-1.6 format is not supported: re-save it with a recent torch");
        }
    }

    /** An entry's bytes, refused past {@code limit} however large the entry declares or inflates to (zip bombs). */
    private static byte[] bounded(Path file, ZipFile zip, ZipEntry entry, long limit) throws IOException {
        try (InputStream in = zip.getInputStream(entry)) {
            byte[] bytes = in.readNBytes((int) Math.min(limit + 1, Integer.MAX_VALUE - 8));
            if (bytes.length > limit) {
                throw new WeightsFormatException(file, "entry " + entry.getName() + " inflates past " + limit
                        + " bytes, more than a state_dict needs (declared " + entry.getSize() + ")");
            }
            return bytes;
        }
    }

    private static String archivePrefix(Path file, ZipFile zip) throws WeightsFormatException {
        for (Enumeration<? extends ZipEntry> it = zip.entries(); it.hasMoreElements(); ) {
            String name = it.nextElement().getName();
            if (name.startsWith("/") || name.contains("\\") || ("/" + name + "/").contains("/../")) {
                throw new WeightsFormatException(file, "entry '" + name + "' names a path outside the archive folder;"
                        + " torch.save writes none such");
            }
        }
        for (Enumeration<? extends ZipEntry> it = zip.entries(); it.hasMoreElements(); ) {
            String name = it.nextElement().getName();
            if (name.endsWith("data.pkl") && name.indexOf('/') == name.length() - "data.pkl".length() - 1) {
                return name.substring(0, name.length() - "data.pkl".length());
            }
        }
        throw new WeightsFormatException(file, "no <archive>/data.pkl inside: not a torch.save checkpoint");
    }

    private static Tensor tensor(Path file, ZipFile zip, String prefix, String key, TensorRef ref) throws IOException {
        StorageRef s = ref.storage();
        ZipEntry record = zip.getEntry(prefix + "data/" + s.key());
        if (record == null) {
            throw new WeightsFormatException(file, "tensor '" + key + "' refers to storage record data/" + s.key()
                    + ", which the archive lacks");
        }
        if (s.numel() < 0 || s.numel() > MAX_STORAGE_BYTES / s.dtype().bytes()) {
            throw new WeightsFormatException(file, "tensor '" + key + "' claims a storage of " + s.numel() + " " + s.dtype()
                    + " elements: " + (s.numel() < 0 ? "negative" : "more than " + MAX_STORAGE_BYTES + " bytes"));
        }
        long expected = s.numel() * s.dtype().bytes();
        byte[] bytes = bounded(file, zip, record, expected);
        if (bytes.length != expected) {
            throw new WeightsFormatException(file, "storage data/" + s.key() + " of '" + key + "' has " + bytes.length
                    + " bytes, expected " + expected + " for " + s.numel() + " " + s.dtype() + " elements");
        }
        int[] size = ref.size();
        if (size.length != ref.stride().length) {
            throw new WeightsFormatException(file, "tensor '" + key + "' has size " + Shapes.format(size) + " but stride "
                    + Shapes.format(ref.stride()));
        }
        for (int d = 0; d < size.length; d++) {
            if (size[d] < 0 || ref.stride()[d] < 0) {
                throw new WeightsFormatException(file, "tensor '" + key + "' has a negative size or stride: size "
                        + Shapes.format(size) + " stride " + Shapes.format(ref.stride()));
            }
        }
        if (Shapes.numel(size) > Integer.MAX_VALUE) {
            throw new WeightsFormatException(file, "tensor '" + key + "' of size " + Shapes.format(size)
                    + " has more than 2^31-1 elements");
        }
        long last = ref.offset();
        for (int d = 0; d < size.length; d++) {
            last += (long) (size[d] - 1) * ref.stride()[d];
        }
        if (Shapes.numel(size) > 0 && (ref.offset() < 0 || last >= s.numel())) {
            throw new WeightsFormatException(file, "tensor '" + key + "' of size " + Shapes.format(size) + " stride "
                    + Shapes.format(ref.stride()) + " reaches past its storage of " + s.numel() + " elements");
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        float[] storage = new float[(int) s.numel()];
        for (int i = 0; i < storage.length; i++) {
            storage[i] = s.dtype().read(buf, i);
        }
        return Tensor.of(storage, storage.length).asStrided(size, ref.stride(), (int) ref.offset()).contiguous();
    }

    public static void write(Path file, Map<String, Tensor> tensors) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        TorchCheckpointWriter.write(file, tensors);
    }
}
