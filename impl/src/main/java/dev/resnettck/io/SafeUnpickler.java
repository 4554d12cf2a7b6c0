package dev.resnettck.io;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import net.razorvine.pickle.IObjectConstructor;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.PickleUtils;
import net.razorvine.pickle.Unpickler;

/**
 * An unpickler for torch state_dicts that interprets only the globals such a pickle uses
 * (OrderedDict, the tensor and parameter rebuild functions, the storage types) and refuses every
 * other global, extension code and instance opcode by name. A pickle is a program; this reads it
 * as data and never runs what it asks for.
 */
final class SafeUnpickler extends Unpickler {
    /** A tensor's storage as a checkpoint names it: record key in the archive, element type, element count. */
    record StorageRef(String key, DType dtype, long numel) {
    }

    /** {@code torch._utils._rebuild_tensor_v2(storage, offset, size, stride, ...)}, not yet read. */
    record TensorRef(StorageRef storage, long offset, int[] size, int[] stride) {
    }

    private static final Map<String, Object> GLOBALS = Map.of(
            "collections.OrderedDict", (IObjectConstructor) args -> new PickledOrderedDict(),
            "torch._utils._rebuild_tensor_v2", (IObjectConstructor) SafeUnpickler::rebuildTensor,
            "torch._utils._rebuild_parameter", (IObjectConstructor) args -> args[0],
            "torch.FloatStorage", DType.F32,
            "torch.DoubleStorage", DType.F64,
            "torch.HalfStorage", DType.F16,
            "torch.BFloat16Storage", DType.BF16,
            "torch.LongStorage", DType.I64,
            "torch.IntStorage", DType.I32);

    private final Function<String, String> refuse;

    /** @param where names the file in error messages */
    SafeUnpickler(String where) {
        this.refuse = what -> where + ": refusing to unpickle " + what + " (a state_dict needs only "
                + String.join(", ", GLOBALS.keySet().stream().sorted().toList()) + "; a pickle is code, and this one asks for more)";
    }

    @Override
    protected Object dispatch(short key) throws PickleException, IOException {
        switch (key) {
            case 'c' -> { // GLOBAL module\nname\n
                String module = PickleUtils.readline(input);
                String name = PickleUtils.readline(input);
                stack.add(resolve(module, name));
                return NO_RETURN_VALUE;
            }
            case 0x93 -> { // STACK_GLOBAL
                String name = String.valueOf(stack.pop());
                String module = String.valueOf(stack.pop());
                stack.add(resolve(module, name));
                return NO_RETURN_VALUE;
            }
            case 'u' -> { // SETITEMS: razorvine's gathers into a HashMap first, losing torch's key order
                java.util.List<Object> items = stack.pop_all_since_marker();
                @SuppressWarnings("unchecked")
                Map<Object, Object> dict = (Map<Object, Object>) stack.peek();
                for (int i = 0; i + 1 < items.size(); i += 2) {
                    dict.put(items.get(i), items.get(i + 1));
                }
                return NO_RETURN_VALUE;
            }
            case 'T', 'X', 'B', 0x8b -> { // BINSTRING, BINUNICODE, BINBYTES, LONG4: a 4-byte length
                requireAvailable(key, 4);
                return super.dispatch(key);
            }
            case 0x8d, 0x8e, 0x96, 0x95 -> { // BINUNICODE8, BINBYTES8, BYTEARRAY8, FRAME: an 8-byte length
                requireAvailable(key, 8);
                return super.dispatch(key);
            }
            case 'i' -> throw new PickleException(refuse.apply("an INST opcode (class instantiation)"));
            case 0x82, 0x83, 0x84 -> throw new PickleException(refuse.apply("an extension-registry global (EXT opcode)"));
            default -> {
                return super.dispatch(key);
            }
        }
    }

    /**
     * An opcode's declared length against the bytes that remain: the library allocates the declared
     * length before reading, so a 4-byte field claiming 1.6 GB would exhaust the heap (found by
     * PickleFuzzTest). The pickle is read from memory, whose stream knows what remains.
     */
    private void requireAvailable(short opcode, int lengthBytes) throws IOException {
        input.mark(lengthBytes);
        byte[] field = input.readNBytes(lengthBytes);
        input.reset();
        if (field.length < lengthBytes) {
            throw new PickleException("truncated pickle: opcode 0x" + Integer.toHexString(opcode) + " lacks its length");
        }
        long length = 0;
        for (int i = lengthBytes - 1; i >= 0; i--) {
            length = length << 8 | (field[i] & 0xff);
        }
        long remaining = input.available() - (long) lengthBytes;
        if (length < 0 || length > remaining) {
            throw new PickleException("opcode 0x" + Integer.toHexString(opcode) + " declares " + Long.toUnsignedString(length)
                    + " bytes, but only " + remaining + " remain in data.pkl");
        }
    }

    private Object resolve(String module, String name) {
        Object known = GLOBALS.get(module + "." + name);
        if (known == null) {
            throw new PickleException(refuse.apply("global '" + module + "." + name + "'"));
        }
        return known;
    }

    @Override
    protected Object persistentLoad(Object pid) {
        if (!(pid instanceof Object[] t) || t.length < 5 || !"storage".equals(t[0]) || !(t[1] instanceof DType dtype)) {
            throw new PickleException(refuse.apply("a persistent id that is not a tensor storage: " + describe(pid)));
        }
        return new StorageRef(String.valueOf(t[2]), dtype, ((Number) t[4]).longValue());
    }

    private static Object rebuildTensor(Object[] args) {
        if (args.length < 4 || !(args[0] instanceof StorageRef storage)) {
            throw new PickleException("_rebuild_tensor_v2 called with unexpected arguments " + describe(args));
        }
        return new TensorRef(storage, ((Number) args[1]).longValue(), ints(args[2]), ints(args[3]));
    }

    private static int[] ints(Object tuple) {
        Object[] t = (Object[]) tuple;
        int[] out = new int[t.length];
        for (int i = 0; i < t.length; i++) {
            out[i] = Math.toIntExact(((Number) t[i]).longValue());
        }
        return out;
    }

    private static String describe(Object o) {
        return o instanceof Object[] a ? java.util.Arrays.deepToString(a) : String.valueOf(o);
    }
}
