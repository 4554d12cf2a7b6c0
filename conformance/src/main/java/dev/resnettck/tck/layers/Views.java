package dev.resnettck.tck.layers;

import dev.resnettck.tensor.Tensor;

/** Inputs that are not compact: what a layer must accept as torch's layers do. */
public final class Views {
    private static final int OFFSET = 5;

    private Views() {
    }

    /**
     * The same logical values, stored with the last two dimensions swapped (or every other
     * element, for rank 1) and a storage offset: a view a layer must read through its strides.
     */
    public static Tensor nonContiguous(float[] values, int[] shape) {
        int rank = shape.length;
        int n = values.length;
        int[] strides = new int[rank];
        if (rank == 1) {
            strides[0] = 2;
        } else {
            int a = shape[rank - 2], b = shape[rank - 1];
            strides[rank - 2] = 1;
            strides[rank - 1] = a;
            int block = a * b;
            for (int d = rank - 3; d >= 0; d--) {
                strides[d] = block;
                block *= shape[d];
            }
        }
        float[] storage = new float[OFFSET + (rank == 1 ? 2 * n : n)];
        java.util.Arrays.fill(storage, Float.NaN); // gaps hold NaN: reading one shows up at once
        int[] index = new int[rank];
        for (int i = 0; i < n; i++) {
            int at = OFFSET;
            for (int d = 0; d < rank; d++) {
                at += index[d] * strides[d];
            }
            storage[at] = values[i];
            for (int d = rank - 1; d >= 0; d--) {
                if (++index[d] < shape[d]) {
                    break;
                }
                index[d] = 0;
            }
        }
        Tensor view = Tensor.of(storage, storage.length).asStrided(shape, strides, OFFSET);
        if (view.isCompact()) {
            throw new IllegalStateException("expected a non-compact view for shape " + java.util.Arrays.toString(shape));
        }
        return view;
    }
}
