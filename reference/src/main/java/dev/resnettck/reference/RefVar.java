package dev.resnettck.reference;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/** One tensor inside a {@link TorchSession}: its values and, after backward, its gradient, as doubles. */
public final class RefVar {
    final NDArray array;

    RefVar(NDArray array) {
        this.array = array;
    }

    public int[] shape() {
        long[] s = array.getShape().getShape();
        int[] out = new int[s.length];
        for (int i = 0; i < s.length; i++) {
            out[i] = Math.toIntExact(s[i]);
        }
        return out;
    }

    public double[] values() {
        return array.toType(DataType.FLOAT64, false).toDoubleArray();
    }

    /** The gradient accumulated by {@link TorchSession#backward}; fails if this variable does not require one. */
    public double[] gradient() {
        if (!array.hasGradient()) {
            throw new IllegalStateException("this reference variable was not created with a gradient");
        }
        return array.getGradient().toType(DataType.FLOAT64, false).toDoubleArray();
    }
}
