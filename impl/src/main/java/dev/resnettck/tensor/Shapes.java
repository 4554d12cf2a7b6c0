package dev.resnettck.tensor;

import java.util.Arrays;

/** Shape arithmetic and the precondition checks every layer shares. */
public final class Shapes {
    private Shapes() {
    }

    /** The element count; {@link Long#MAX_VALUE} where the product would overflow a long (a hostile shape). */
    public static long numel(int[] shape) {
        long n = 1;
        boolean overflow = false;
        for (int s : shape) {
            if (s == 0) {
                return 0;
            }
            if (s > 0 && n > Long.MAX_VALUE / s) {
                overflow = true;
            } else if (!overflow) {
                n *= s;
            }
        }
        return overflow ? Long.MAX_VALUE : n;
    }

    public static int[] contiguousStrides(int[] shape) {
        int[] strides = new int[shape.length];
        int stride = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            strides[d] = stride;
            stride *= Math.max(shape[d], 1);
        }
        return strides;
    }

    public static void requireValid(int[] shape, String name) {
        for (int d = 0; d < shape.length; d++) {
            if (shape[d] < 0) {
                throw new IllegalArgumentException(name + " " + format(shape) + " has a negative size at dimension " + d);
            }
        }
        if (numel(shape) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(name + " " + format(shape) + " has more than 2^31-1 elements");
        }
    }

    /** Advances a row-major multi-index by one. */
    static void increment(int[] index, int[] shape) {
        for (int d = index.length - 1; d >= 0; d--) {
            if (++index[d] < shape[d]) {
                return;
            }
            index[d] = 0;
        }
    }

    public static int normalizeDim(int dim, int rank, String name) {
        int d = dim < 0 ? dim + rank : dim;
        if (d < 0 || d >= Math.max(rank, 1)) {
            throw new IllegalArgumentException(name + " " + dim + " is out of range for rank " + rank
                    + " (expected " + (-Math.max(rank, 1)) + " to " + (Math.max(rank, 1) - 1) + ")");
        }
        return d;
    }

    static int[] inferReshape(int[] shape, int numel) {
        int[] out = shape.clone();
        int free = -1;
        long known = 1;
        for (int d = 0; d < out.length; d++) {
            if (out[d] == -1) {
                if (free >= 0) {
                    throw new IllegalArgumentException("reshape " + format(shape) + ": only one dimension can be -1");
                }
                free = d;
            } else if (out[d] < 0) {
                throw new IllegalArgumentException("reshape " + format(shape) + ": negative size at dimension " + d);
            } else {
                known *= out[d];
            }
        }
        if (free >= 0) {
            if (known == 0 || numel % known != 0) {
                throw new IllegalArgumentException("reshape " + format(shape) + " is invalid for " + numel + " elements");
            }
            out[free] = (int) (numel / known);
        } else if (known != numel) {
            throw new IllegalArgumentException("reshape " + format(shape) + " is invalid for " + numel + " elements");
        }
        return out;
    }

    public static String format(int[] shape) {
        return Arrays.toString(shape);
    }

    /** Checks the rank of a layer input and names the layer and the shape when it is wrong. */
    public static void requireRank(Tensor input, int rank, String layer, String layout) {
        if (input.dim() != rank) {
            throw new IllegalArgumentException(layer + ": expected a " + rank + "-d input " + layout + ", got shape "
                    + format(input.shape()));
        }
    }

    public static void requirePositive(int value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }

    public static void requireNonNegative(int value, String name) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must be non-negative, got " + value);
        }
    }

    public static void requireSameShape(Tensor actual, int[] expected, String what) {
        if (!Arrays.equals(actual.shape(), expected)) {
            throw new IllegalArgumentException(what + " has shape " + format(actual.shape()) + ", expected "
                    + format(expected));
        }
    }
}
