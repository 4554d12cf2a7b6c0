package dev.resnettck.kernels.fast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resnettck.tensor.Tensor;
import java.util.SplittableRandom;

/**
 * What the fast-against-plain kernel tests share: random operands in [-1, 1), and agreement within
 * (scale + 1) x depth x 2^-20, where float32 rounding lies well inside and a layout or indexing
 * fault, off by the size of a value, does not.
 */
final class KernelAgreement {
    private KernelAgreement() {
    }

    static void agree(String what, Tensor expected, Tensor actual, int depth) {
        assertArrayEquals(expected.shape(), actual.shape(), what + ": shape");
        float[] e = expected.data();
        float[] a = actual.data();
        double scale = 0;
        for (float v : e) {
            scale = Math.max(scale, Math.abs(v));
        }
        double bound = (scale + 1) * depth * 0x1p-20;
        for (int i = 0; i < e.length; i++) {
            assertTrue(Math.abs(e[i] - a[i]) <= bound, what + " element " + i + ": " + a[i] + ", expected " + e[i]);
        }
    }

    static Tensor random(SplittableRandom r, int... shape) {
        int size = 1;
        for (int s : shape) {
            size *= s;
        }
        float[] v = new float[size];
        for (int i = 0; i < size; i++) {
            v[i] = (float) (r.nextDouble() * 2 - 1);
        }
        return Tensor.of(v, shape);
    }
}
