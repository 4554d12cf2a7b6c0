package dev.resnettck.io;

import java.nio.ByteBuffer;

/** The element types weight files hold, and how each widens to float32. */
public enum DType {
    F32(4), F64(8), F16(2), BF16(2), I64(8), I32(4);

    private final int bytes;

    DType(int bytes) {
        this.bytes = bytes;
    }

    public int bytes() {
        return bytes;
    }

    /** Reads element {@code i} of a little-endian buffer as a float. */
    float read(ByteBuffer b, int i) {
        return switch (this) {
            case F32 -> b.getFloat(i * 4);
            case F64 -> (float) b.getDouble(i * 8);
            case F16 -> Float.float16ToFloat(b.getShort(i * 2));
            case BF16 -> Float.intBitsToFloat((b.getShort(i * 2) & 0xffff) << 16);
            case I64 -> (float) b.getLong(i * 8);
            case I32 -> (float) b.getInt(i * 4);
        };
    }

    void write(ByteBuffer b, int i, float v) {
        switch (this) {
            case F32 -> b.putFloat(i * 4, v);
            case F64 -> b.putDouble(i * 8, v);
            case I64 -> b.putLong(i * 8, (long) v);
            case I32 -> b.putInt(i * 4, (int) v);
            case F16 -> b.putShort(i * 2, Float.floatToFloat16(v));
            case BF16 -> b.putShort(i * 2, (short) (Float.floatToIntBits(v) >>> 16));
        }
    }

    /** torch stores num_batches_tracked as int64; every other state_dict entry of these models is float32. */
    public static DType forKey(String key) {
        return key.endsWith("num_batches_tracked") ? I64 : F32;
    }
}
