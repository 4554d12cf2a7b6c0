package dev.resnettck.tensor;

import java.util.Arrays;

/**
 * A float32 tensor: a flat array seen through a shape, strides and an offset, as torch's
 * {@code as_strided} sees storage. Views share the array; {@link #contiguous()} copies only when
 * the view is not already row-major and compact.
 *
 * <p>This is the exchange type between implementations and the suite: NCHW, row-major. Inside, an
 * implementation does whatever is fastest.
 */
public final class Tensor {
    private final float[] data;
    private final int[] shape;
    private final int[] strides;
    private final int offset;

    private Tensor(float[] data, int[] shape, int[] strides, int offset) {
        this.data = data;
        this.shape = shape;
        this.strides = strides;
        this.offset = offset;
    }

    /** Wraps {@code data} (not copied) as a contiguous tensor of the given shape. */
    public static Tensor of(float[] data, int... shape) {
        Shapes.requireValid(shape, "shape");
        long n = Shapes.numel(shape);
        if (n != data.length) {
            throw new IllegalArgumentException("data has " + data.length + " elements but shape "
                    + Shapes.format(shape) + " needs " + n);
        }
        return new Tensor(data, shape.clone(), Shapes.contiguousStrides(shape), 0);
    }

    /**
     * Wraps {@code data} (not copied), laid out channels-last ({@code (n, h, w, c)} in memory), as an
     * {@code (n, c, h, w)} tensor: torch's {@code channels_last} memory format.
     */
    public static Tensor channelsLast(float[] data, int n, int c, int h, int w) {
        int[] shape = {n, c, h, w};
        Shapes.requireValid(shape, "shape");
        if (Shapes.numel(shape) != data.length) {
            throw new IllegalArgumentException("data has " + data.length + " elements but shape "
                    + Shapes.format(shape) + " needs " + Shapes.numel(shape));
        }
        return new Tensor(data, shape, channelsLastStrides(shape), 0);
    }

    private static int[] channelsLastStrides(int[] shape) {
        int c = Math.max(shape[1], 1);
        int w = Math.max(shape[3], 1);
        int h = Math.max(shape[2], 1);
        return new int[] {h * w * c, 1, w * c, c};
    }

    public static Tensor zeros(int... shape) {
        Shapes.requireValid(shape, "shape");
        return of(new float[Math.toIntExact(Shapes.numel(shape))], shape);
    }

    public static Tensor scalar(float value) {
        return of(new float[] {value});
    }

    /**
     * A view of this tensor's storage with the given sizes and strides, counted from this view's
     * offset plus {@code storageOffset} (torch's {@code as_strided}). Every element the view can
     * reach must lie inside the storage.
     */
    public Tensor asStrided(int[] size, int[] stride, int storageOffset) {
        Shapes.requireValid(size, "size");
        if (size.length != stride.length) {
            throw new IllegalArgumentException("asStrided: size " + Shapes.format(size) + " and stride "
                    + Shapes.format(stride) + " have different ranks");
        }
        int start = offset + storageOffset;
        long last = start;
        for (int d = 0; d < size.length; d++) {
            if (stride[d] < 0) {
                throw new IllegalArgumentException("asStrided: stride[" + d + "] is negative: " + stride[d]);
            }
            if (size[d] == 0) {
                last = start;
                break;
            }
            last += (long) (size[d] - 1) * stride[d];
        }
        if (start < 0 || (Shapes.numel(size) > 0 && last >= data.length)) {
            throw new IllegalArgumentException("asStrided: view size " + Shapes.format(size) + " stride "
                    + Shapes.format(stride) + " offset " + start + " reaches element " + last
                    + " of a storage of " + data.length);
        }
        return new Tensor(data, size.clone(), stride.clone(), start);
    }

    public Tensor asStrided(int[] size, int[] stride) {
        return asStrided(size, stride, 0);
    }

    public int[] shape() {
        return shape.clone();
    }

    public int size(int dim) {
        return shape[Shapes.normalizeDim(dim, shape.length, "dim")];
    }

    public int dim() {
        return shape.length;
    }

    public int[] strides() {
        return strides.clone();
    }

    public int stride(int dim) {
        return strides[Shapes.normalizeDim(dim, shape.length, "dim")];
    }

    public int offset() {
        return offset;
    }

    public int numel() {
        return (int) Shapes.numel(shape);
    }

    /** True when the view is row-major with no gaps, starting at element 0 of a storage of exactly its size. */
    public boolean isCompact() {
        return offset == 0 && data.length == numel() && Arrays.equals(strides, Shapes.contiguousStrides(shape));
    }

    /**
     * True for a rank-4 tensor whose whole storage holds it channels-last with no gaps ({@link
     * #channelsLast}). A tensor with one channel or a 1x1 plane is both this and compact.
     */
    public boolean isChannelsLast() {
        return shape.length == 4 && offset == 0 && data.length == numel()
                && Arrays.equals(strides, channelsLastStrides(shape));
    }

    /** Compact or channels-last: every element once, in the whole storage, so element-wise work can run over it. */
    public boolean isDense() {
        return isCompact() || isChannelsLast();
    }

    /**
     * A dense tensor of this shape and layout over {@code storage} (compact or channels-last, as this
     * one is): the result of an element-wise operation on this tensor's storage.
     */
    public Tensor withStorage(float[] storage) {
        if (!isDense()) {
            throw new IllegalStateException("withStorage needs a dense tensor, not " + this);
        }
        if (storage.length != data.length) {
            throw new IllegalArgumentException("storage of " + storage.length + " elements for " + this);
        }
        return new Tensor(storage, shape, strides, 0);
    }

    /**
     * This tensor if its storage holds its elements in the order {@code like}'s does (both compact or
     * both channels-last), else a copy that does; {@code like} must be dense.
     */
    public Tensor inLayoutOf(Tensor like) {
        if (!Arrays.equals(shape, like.shape)) {
            throw new IllegalArgumentException("inLayoutOf: shape " + Shapes.format(shape) + " differs from "
                    + Shapes.format(like.shape));
        }
        if ((isCompact() && like.isCompact()) || (isChannelsLast() && like.isChannelsLast())) {
            return this; // element i of both storages is the same element
        }
        return like.isChannelsLast() && !like.isCompact() ? toChannelsLast() : contiguous();
    }

    /** This tensor if channels-last, else a channels-last copy (rank 4). */
    public Tensor toChannelsLast() {
        if (isChannelsLast()) {
            return this;
        }
        Shapes.requireRank(this, 4, "toChannelsLast", "(N, C, H, W)");
        int n = shape[0], c = shape[1], h = shape[2], w = shape[3];
        float[] out = new float[numel()];
        int plane = h * w;
        for (int b = 0; b < n; b++) {
            for (int ch = 0; ch < c; ch++) {
                int from = offset + b * strides[0] + ch * strides[1];
                int to = b * plane * c + ch;
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        out[to + (y * w + x) * c] = data[from + y * strides[2] + x * strides[3]];
                    }
                }
            }
        }
        return new Tensor(out, shape.clone(), channelsLastStrides(shape), 0);
    }

    /** This tensor if compact, else a compact copy. */
    public Tensor contiguous() {
        return isCompact() ? this : of(toArray(), shape);
    }

    /**
     * The backing array of a compact tensor (shared, so writes are visible), or a fresh copy in
     * row-major order when this is a view.
     */
    public float[] data() {
        return isCompact() ? data : toArray();
    }

    /**
     * The whole backing storage, shared with every view of it; index it with {@link #offset()} and
     * {@link #strides()}. For kernels that walk strided views without copying.
     */
    public float[] storage() {
        return data;
    }

    /** A fresh copy of the elements in row-major order. */
    public float[] toArray() {
        float[] out = new float[numel()];
        if (isCompact()) {
            System.arraycopy(data, 0, out, 0, out.length);
            return out;
        }
        if (isChannelsLast()) {
            int n = shape[0], c = shape[1], plane = shape[2] * shape[3];
            for (int b = 0; b < n; b++) {
                int base = b * c * plane;
                for (int p = 0; p < plane; p++) {
                    for (int ch = 0; ch < c; ch++) {
                        out[base + ch * plane + p] = data[base + p * c + ch];
                    }
                }
            }
            return out;
        }
        int[] index = new int[shape.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = data[storageIndex(index)];
            Shapes.increment(index, shape);
        }
        return out;
    }

    public float get(int... index) {
        return data[storageIndex(index)];
    }

    /** Writes one element; only meaningful on a view that owns its storage. */
    public void set(float value, int... index) {
        data[storageIndex(index)] = value;
    }

    int storageIndex(int[] index) {
        if (index.length != shape.length) {
            throw new IllegalArgumentException("index " + Shapes.format(index) + " has rank " + index.length
                    + " but the tensor " + Shapes.format(shape) + " has rank " + shape.length);
        }
        int at = offset;
        for (int d = 0; d < index.length; d++) {
            if (index[d] < 0 || index[d] >= shape[d]) {
                throw new IndexOutOfBoundsException("index " + Shapes.format(index) + " out of bounds for shape "
                        + Shapes.format(shape));
            }
            at += index[d] * strides[d];
        }
        return at;
    }

    /** A compact tensor with the same elements and a new shape (one dimension may be -1). */
    public Tensor reshape(int... newShape) {
        int[] resolved = Shapes.inferReshape(newShape, numel());
        return of(data(), resolved);
    }

    /** A view with dimensions reordered, like torch's {@code permute}. */
    public Tensor permute(int... order) {
        if (order.length != shape.length) {
            throw new IllegalArgumentException("permute: order " + Shapes.format(order) + " does not match rank "
                    + shape.length);
        }
        int[] size = new int[order.length];
        int[] stride = new int[order.length];
        boolean[] seen = new boolean[order.length];
        for (int d = 0; d < order.length; d++) {
            int from = Shapes.normalizeDim(order[d], shape.length, "permute order");
            if (seen[from]) {
                throw new IllegalArgumentException("permute: dimension " + from + " repeated in " + Shapes.format(order));
            }
            seen[from] = true;
            size[d] = shape[from];
            stride[d] = strides[from];
        }
        return new Tensor(data, size, stride, offset);
    }

    public Tensor copy() {
        return of(toArray(), shape);
    }

    /** The first element that is NaN or infinite, as an index, or null when all are finite. */
    public int[] firstNonFinite() {
        int[] index = new int[shape.length];
        for (int i = 0, n = numel(); i < n; i++) {
            if (!Float.isFinite(data[storageIndex(index)])) {
                return index.clone();
            }
            Shapes.increment(index, shape);
        }
        return null;
    }

    @Override
    public String toString() {
        return "Tensor" + Shapes.format(shape) + (isCompact() ? "" : " view strides " + Shapes.format(strides)
                + " offset " + offset);
    }
}
