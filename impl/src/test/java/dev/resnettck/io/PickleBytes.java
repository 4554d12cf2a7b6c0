package dev.resnettck.io;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Hand-assembled protocol-2 pickles for the hostile-file tests: each method appends one opcode. */
final class PickleBytes {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    PickleBytes() {
        out.write(0x80);
        out.write(2);
    }

    PickleBytes global(String module, String name) {
        return op('c').raw(module + "\n" + name + "\n");
    }

    PickleBytes str(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        op('X').int32(b.length);
        out.writeBytes(b);
        return this;
    }

    /** BININT, a signed 4-byte integer. */
    PickleBytes integer(int v) {
        return op('J').int32(v);
    }

    /** LONG1 of 8 bytes: any long. */
    PickleBytes longValue(long v) {
        op(0x8a);
        out.write(8);
        for (int i = 0; i < 8; i++) {
            out.write((int) (v >>> (8 * i)) & 0xff);
        }
        return this;
    }

    PickleBytes op(int opcode) {
        out.write(opcode);
        return this;
    }

    /** The opcodes of a state_dict of one tensor {@code w}: storage "0" of {@code numel} floats, then offset, size, stride. */
    static byte[] oneTensor(long numel, long offset, int[] size, int[] stride) {
        PickleBytes p = new PickleBytes().global("collections", "OrderedDict").op(')').op('R')
                .op('(').str("w").global("torch._utils", "_rebuild_tensor_v2")
                .op('(').op('(').str("storage").global("torch", "FloatStorage").str("0").str("cpu").longValue(numel)
                .op('t').op('Q').longValue(offset).op('(');
        for (int s : size) {
            p.integer(s);
        }
        p.op('t').op('(');
        for (int s : stride) {
            p.integer(s);
        }
        return p.op('t').op('t').op('R').op('u').op('.').bytes();
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    private PickleBytes raw(String s) {
        out.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
        return this;
    }

    private PickleBytes int32(int v) {
        for (int i = 0; i < 4; i++) {
            out.write((v >>> (8 * i)) & 0xff);
        }
        return this;
    }
}
