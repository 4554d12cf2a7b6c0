package dev.resnettck.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.resnettck.tensor.Shapes;
import dev.resnettck.tensor.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The safetensors format: an 8-byte little-endian header length, a JSON header mapping each name
 * to {@code {dtype, shape, data_offsets}} (plus optional {@code __metadata__}), then the raw
 * little-endian data. Every offset, size and dtype is validated before anything is read.
 */
public final class SafeTensors {
    private static final long MAX_HEADER = 100L << 20;
    /** Duplicate names are refused: a lenient parser would keep one of two tensors silently. */
    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private SafeTensors() {
    }

    /** The tensors, in header order, widened to float32; the metadata goes into {@code metadataOut} when not null. */
    public static Map<String, Tensor> read(Path file, Map<String, String> metadataOut) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            Header parsed = header(file, ch);
            JsonNode header = parsed.json();
            long dataStart = 8 + parsed.length();
            long dataSize = ch.size() - dataStart;
            Map<String, Tensor> out = new LinkedHashMap<>();
            List<long[]> ranges = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().equals("__metadata__")) {
                    if (!e.getValue().isObject()) {
                        throw new WeightsFormatException(file, "__metadata__ is not a JSON object of strings");
                    }
                    if (metadataOut != null) {
                        e.getValue().fields().forEachRemaining(m -> metadataOut.put(m.getKey(), m.getValue().asText()));
                    }
                    continue;
                }
                out.put(e.getKey(), readEntry(file, ch, e.getKey(), e.getValue(), dataStart, dataSize, ranges));
            }
            return out;
        }
    }

    /** The header's JSON object and its length in bytes. */
    private record Header(JsonNode json, long length) {
    }

    /** The validated JSON header. */
    private static Header header(Path file, FileChannel ch) throws IOException {
        long size = ch.size();
        if (size < 8) {
            throw new WeightsFormatException(file, "truncated: " + size + " bytes, not even a header length");
        }
        ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        readFully(file, ch, lenBuf, 0);
        long headerLen = lenBuf.getLong(0);
        if (headerLen <= 0 || headerLen > MAX_HEADER || headerLen > size - 8) {
            throw new WeightsFormatException(file, "header length " + headerLen + " (offset 0) is impossible for a file of "
                    + size + " bytes");
        }
        ByteBuffer headerBuf = ByteBuffer.allocate((int) headerLen);
        readFully(file, ch, headerBuf, 8);
        JsonNode header;
        try {
            header = JSON.readTree(new String(headerBuf.array(), StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new WeightsFormatException(file, "header is not valid JSON: " + e.getOriginalMessage());
        }
        if (header == null || !header.isObject()) {
            throw new WeightsFormatException(file, "header is not a JSON object");
        }
        return new Header(header, headerLen);
    }

    private static Tensor readEntry(Path file, FileChannel ch, String key, JsonNode spec, long dataStart, long dataSize,
                                    List<long[]> ranges) throws IOException {
        JsonNode dtypeNode = spec.get("dtype");
        JsonNode shapeNode = spec.get("shape");
        JsonNode offsets = spec.get("data_offsets");
        if (dtypeNode == null || shapeNode == null || offsets == null || !shapeNode.isArray() || !offsets.isArray()
                || offsets.size() != 2) {
            throw new WeightsFormatException(file, "tensor '" + key + "' needs dtype, shape and two data_offsets, got "
                    + abbreviated(spec.toString()));
        }
        DType dtype;
        try {
            dtype = DType.valueOf(dtypeNode.asText());
        } catch (IllegalArgumentException e) {
            throw new WeightsFormatException(file, "tensor '" + key + "' has unsupported dtype " + dtypeNode.asText()
                    + " (supported: F32, F64, F16, BF16, I64, I32)");
        }
        int[] shape = new int[shapeNode.size()];
        for (int d = 0; d < shape.length; d++) {
            if (!shapeNode.get(d).isIntegralNumber() || !shapeNode.get(d).canConvertToInt() || shapeNode.get(d).asInt() < 0) {
                throw new WeightsFormatException(file, "tensor '" + key + "' has an invalid shape " + abbreviated(shapeNode.toString()));
            }
            shape[d] = shapeNode.get(d).asInt();
        }
        long numel = Shapes.numel(shape);
        if (numel > Integer.MAX_VALUE) {
            throw new WeightsFormatException(file, "tensor '" + key + "' of shape " + Shapes.format(shape) + " has "
                    + (numel == Long.MAX_VALUE ? "more than 2^63" : Long.toString(numel)) + " elements, more than 2^31-1");
        }
        if (!offsets.get(0).isIntegralNumber() || !offsets.get(1).isIntegralNumber() || !offsets.get(0).canConvertToLong()
                || !offsets.get(1).canConvertToLong()) {
            throw new WeightsFormatException(file, "tensor '" + key + "' data_offsets " + abbreviated(offsets.toString())
                    + " are not two integers");
        }
        long begin = offsets.get(0).asLong();
        long end = offsets.get(1).asLong();
        long expected = numel * dtype.bytes();
        if (begin < 0 || end < begin || end > dataSize) {
            throw new WeightsFormatException(file, "tensor '" + key + "' data_offsets [" + begin + ", " + end
                    + "] fall outside the " + dataSize + " data bytes (truncated file?)");
        }
        if (end - begin != expected) {
            throw new WeightsFormatException(file, "tensor '" + key + "' holds " + (end - begin) + " bytes but " + dtype
                    + " " + Shapes.format(shape) + " needs " + expected);
        }
        for (long[] r : ranges) {
            if (begin < r[1] && r[0] < end) {
                throw new WeightsFormatException(file, "tensor '" + key + "' overlaps another tensor's bytes");
            }
        }
        ranges.add(new long[] {begin, end});
        ByteBuffer data = ByteBuffer.allocate((int) expected).order(ByteOrder.LITTLE_ENDIAN);
        readFully(file, ch, data, dataStart + begin);
        float[] values = new float[(int) numel];
        for (int i = 0; i < values.length; i++) {
            values[i] = dtype.read(data, i);
        }
        return Tensor.of(values, shape);
    }

    /** Each tensor's dtype as the header declares it (F32, I64, ...), without reading the data. */
    public static Map<String, String> dtypes(Path file) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            header(file, ch).json().fields().forEachRemaining(e -> {
                if (!e.getKey().equals("__metadata__") && e.getValue().has("dtype")) {
                    out.put(e.getKey(), e.getValue().get("dtype").asText());
                }
            });
        }
        return out;
    }

    /** Writes tensors in map order; {@code num_batches_tracked} as I64, everything else F32. */
    public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        ObjectNode header = JSON.createObjectNode();
        if (metadata != null && !metadata.isEmpty()) {
            ObjectNode meta = header.putObject("__metadata__");
            metadata.forEach(meta::put);
        }
        long offset = 0;
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            DType dtype = DType.forKey(e.getKey());
            long bytes = (long) e.getValue().numel() * dtype.bytes();
            ObjectNode t = header.putObject(e.getKey());
            t.put("dtype", dtype.name());
            var shape = t.putArray("shape");
            for (int s : e.getValue().shape()) {
                shape.add(s);
            }
            t.putArray("data_offsets").add(offset).add(offset + bytes);
            offset += bytes;
        }
        byte[] json = JSON.writeValueAsBytes(header);
        int padded = (json.length + 7) / 8 * 8; // the format pads the header with spaces to 8 bytes
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer head = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
            head.putLong(padded).put(json);
            while (head.hasRemaining()) {
                head.put((byte) ' ');
            }
            head.flip();
            ch.write(head);
            for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
                DType dtype = DType.forKey(e.getKey());
                float[] v = e.getValue().data();
                ByteBuffer data = ByteBuffer.allocate(v.length * dtype.bytes()).order(ByteOrder.LITTLE_ENDIAN);
                for (int i = 0; i < v.length; i++) {
                    dtype.write(data, i, v[i]);
                }
                ch.write(data);
            }
        }
    }

    /** A header fragment short enough for a message. */
    private static String abbreviated(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "... (" + s.length() + " characters)";
    }

    private static void readFully(Path file, FileChannel ch, ByteBuffer buf, long position) throws IOException {
        long at = position;
        while (buf.hasRemaining()) {
            int n = ch.read(buf, at);
            if (n < 0) {
                throw new WeightsFormatException(file, "unexpected end of file at offset " + at);
            }
            at += n;
        }
    }
}
