package dev.resnettck.io;

import dev.resnettck.tensor.Tensor;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a state_dict as {@code torch.save(model.state_dict(), f)} does: an uncompressed zip whose
 * folder is the file's stem, holding {@code data.pkl} (protocol 2, with torch's memoised globals
 * and {@code _metadata}), {@code byteorder}, one record per tensor under {@code data/} aligned to 64
 * bytes, {@code version} and {@code .data/serialization_id}.
 */
final class TorchCheckpointWriter {
    private static final int ALIGNMENT = 64;

    private TorchCheckpointWriter() {
    }

    static void write(Path file, Map<String, Tensor> tensors) throws IOException {
        String name = file.getFileName().toString();
        String archive = (name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name) + "/";
        Map<String, byte[]> records = new LinkedHashMap<>();
        int index = 0;
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            records.put(Integer.toString(index++), raw(e.getKey(), e.getValue()));
        }
        try (Counting counting = new Counting(new BufferedOutputStream(Files.newOutputStream(file)));
             ZipOutputStream zip = new ZipOutputStream(counting)) {
            zip.setMethod(ZipOutputStream.STORED);
            put(zip, counting, archive + "data.pkl", pickle(tensors));
            put(zip, counting, archive + "byteorder", "little".getBytes(StandardCharsets.US_ASCII));
            for (Map.Entry<String, byte[]> r : records.entrySet()) {
                put(zip, counting, archive + "data/" + r.getKey(), r.getValue());
            }
            put(zip, counting, archive + "version", "3\n".getBytes(StandardCharsets.US_ASCII));
            put(zip, counting, archive + ".data/serialization_id", serializationId(tensors));
        }
    }

    private static byte[] raw(String key, Tensor t) {
        DType dtype = DType.forKey(key);
        float[] v = t.data();
        ByteBuffer b = ByteBuffer.allocate(v.length * dtype.bytes()).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < v.length; i++) {
            dtype.write(b, i, v[i]);
        }
        return b.array();
    }

    /** A stored entry whose data starts on a 64-byte boundary, padded like torch with an 'FB' extra field. */
    private static void put(ZipOutputStream zip, Counting out, String name, byte[] data) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(data.length);
        entry.setCompressedSize(data.length);
        CRC32 crc = new CRC32();
        crc.update(data);
        entry.setCrc(crc.getValue());
        entry.setTime(315532800000L + 12 * 3600_000L); // a fixed DOS time: the same bytes for the same weights
        long headerEnd = out.count + 30 + name.getBytes(StandardCharsets.UTF_8).length + 4;
        int padding = (int) ((ALIGNMENT - headerEnd % ALIGNMENT) % ALIGNMENT);
        byte[] extra = new byte[4 + padding];
        extra[0] = 'F';
        extra[1] = 'B';
        extra[2] = (byte) padding;
        extra[3] = (byte) (padding >> 8);
        entry.setExtra(extra);
        zip.putNextEntry(entry);
        zip.write(data);
        zip.closeEntry();
    }

    private static byte[] serializationId(Map<String, Tensor> tensors) {
        long h = 1125899906842597L;
        for (String k : tensors.keySet()) {
            h = 31 * h + k.hashCode();
        }
        return String.format("%020d", h & Long.MAX_VALUE).getBytes(StandardCharsets.US_ASCII);
    }

    /** The pickle of an OrderedDict of tensors, protocol 2, as torch's persistent-id pickler writes it. */
    static byte[] pickle(Map<String, Tensor> tensors) {
        Pickle p = new Pickle();
        p.proto();
        p.global("collections", "OrderedDict");
        p.emptyTuple();
        p.reduce();
        p.memoize(null);
        p.mark();
        int index = 0;
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            Tensor t = e.getValue();
            p.string(e.getKey());
            p.global("torch._utils", "_rebuild_tensor_v2");
            p.mark();
            // the persistent id: ('storage', torch.FloatStorage, key, 'cpu', numel)
            p.mark();
            p.string("storage");
            p.global("torch", DType.forKey(e.getKey()) == DType.I64 ? "LongStorage" : "FloatStorage");
            p.string(Integer.toString(index++));
            p.string("cpu");
            p.integer(t.numel());
            p.tuple();
            p.binpersid();
            p.integer(0);
            p.intTuple(t.shape());
            p.intTuple(t.strides());
            p.bool(false);
            p.global("collections", "OrderedDict");
            p.emptyTuple();
            p.reduce();
            p.memoize(null);
            p.tuple();
            p.reduce();
            p.memoize(null);
        }
        p.setItems();
        // BUILD with {'_metadata': OrderedDict(module -> {'version': v})}, as state_dict() attaches
        p.emptyDict();
        p.memoize(null);
        p.string("_metadata");
        p.global("collections", "OrderedDict");
        p.emptyTuple();
        p.reduce();
        p.memoize(null);
        p.mark();
        for (Map.Entry<String, Integer> m : moduleVersions(tensors).entrySet()) {
            p.string(m.getKey());
            p.emptyDict();
            p.memoize(null);
            p.string("version");
            p.integer(m.getValue());
            p.setItem();
        }
        p.setItems();
        p.setItem();
        p.build();
        p.stop();
        return p.bytes();
    }

    /** Every module path the keys imply, parents first; batch norms are version 2 in torch, the rest 1. */
    private static Map<String, Integer> moduleVersions(Map<String, Tensor> tensors) {
        Map<String, Integer> out = new LinkedHashMap<>();
        out.put("", 1);
        for (String key : tensors.keySet()) {
            String[] parts = key.split("\\.");
            StringBuilder path = new StringBuilder();
            for (int i = 0; i < parts.length - 1; i++) {
                path.append(i == 0 ? "" : ".").append(parts[i]);
                out.computeIfAbsent(path.toString(), m -> tensors.containsKey(m + ".running_mean") ? 2 : 1);
            }
        }
        return out;
    }

    /** Pickle opcodes, protocol 2, memoising strings and globals the way Python's pickler does. */
    private static final class Pickle {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final Map<String, Integer> memo = new HashMap<>();
        private int next;

        void proto() {
            out.write(0x80);
            out.write(2);
        }

        void global(String module, String name) {
            String id = "g:" + module + "." + name;
            if (!get(id)) {
                ascii("c" + module + "\n" + name + "\n");
                memoize(id);
            }
        }

        void string(String s) {
            String id = "s:" + s;
            if (!get(id)) {
                byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
                out.write('X');
                int32(utf8.length);
                out.writeBytes(utf8);
                memoize(id);
            }
        }

        void integer(long v) {
            if (v >= 0 && v < 256) {
                out.write('K');
                out.write((int) v);
            } else if (v >= 0 && v < 65536) {
                out.write('M');
                out.write((int) (v & 0xff));
                out.write((int) (v >> 8));
            } else {
                out.write('J');
                int32(Math.toIntExact(v));
            }
        }

        void intTuple(int[] values) {
            mark();
            for (int v : values) {
                integer(v);
            }
            tuple();
        }

        void bool(boolean b) {
            out.write(b ? 0x88 : 0x89);
        }

        void emptyTuple() {
            out.write(')');
        }

        void emptyDict() {
            out.write('}');
        }

        void mark() {
            out.write('(');
        }

        void tuple() {
            out.write('t');
            memoize(null);
        }

        void reduce() {
            out.write('R');
        }

        void binpersid() {
            out.write('Q');
        }

        void setItem() {
            out.write('s');
        }

        void setItems() {
            out.write('u');
        }

        void build() {
            out.write('b');
        }

        void stop() {
            out.write('.');
        }

        /** BINPUT / LONG_BINPUT of the object just written; {@code id} lets a later identical one be a BINGET. */
        void memoize(String id) {
            int slot = next++;
            if (slot < 256) {
                out.write('q');
                out.write(slot);
            } else {
                out.write('r');
                int32(slot);
            }
            if (id != null) {
                memo.put(id, slot);
            }
        }

        private boolean get(String id) {
            Integer slot = memo.get(id);
            if (slot == null) {
                return false;
            }
            if (slot < 256) {
                out.write('h');
                out.write(slot);
            } else {
                out.write('j');
                int32(slot);
            }
            return true;
        }

        private void ascii(String s) {
            out.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
        }

        private void int32(int v) {
            out.write(v & 0xff);
            out.write((v >> 8) & 0xff);
            out.write((v >> 16) & 0xff);
            out.write((v >> 24) & 0xff);
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }

    /** Counts bytes written so each entry's data offset is known. */
    private static final class Counting extends FilterOutputStream {
        long count;

        Counting(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
