package dev.resnettck.data;

import dev.resnettck.tensor.Tensor;
import java.util.SplittableRandom;

/**
 * Seeded data order and batches of 28x28 unsigned-byte images, transformed as torchvision does:
 * {@code ToTensor()} (x / 255 in float32), optionally {@code Resize(size)} (bilinear) and the
 * channel repeated, then {@code Normalize(mean, std)}.
 */
public final class Batches {
    /** FashionMNIST's training-set mean and standard deviation of ToTensor values. */
    public static final float MEAN = 0.2860f;
    public static final float STD = 0.3530f;

    private Batches() {
    }

    /** A Fisher-Yates permutation of [0, n) from a seed: the same order on every JVM. */
    public static int[] shuffled(int n, long seed) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    /** The seed's 80/20 split of the training set: the first 80% of a seeded permutation, then the rest. */
    public static int[][] split(int n, double trainFraction, long seed) {
        int[] order = shuffled(n, seed);
        int cut = (int) Math.round(n * trainFraction);
        return new int[][] {java.util.Arrays.copyOfRange(order, 0, cut), java.util.Arrays.copyOfRange(order, cut, n)};
    }

    /** Images {@code indices} as (b, channels, size, size), normalised; size 28 skips the resize. */
    public static Tensor images(Idx.Array images, int[] indices, int channels, int size, float mean, float std) {
        int h = images.dims()[1], w = images.dims()[2];
        int plane = size * size;
        float[] out = new float[indices.length * channels * plane];
        float[] raw = new float[h * w];
        for (int i = 0; i < indices.length; i++) {
            int base = indices[i] * h * w;
            for (int k = 0; k < raw.length; k++) {
                raw[k] = Images.toTensor(images.data()[base + k] & 0xff);
            }
            float[] resized = size == h && size == w ? raw : Resize.bilinear(Tensor.of(raw, 1, h, w), size, size).data();
            for (int c = 0; c < channels; c++) {
                int to = (i * channels + c) * plane;
                for (int k = 0; k < plane; k++) {
                    out[to + k] = (float) (((double) resized[k] - mean) / std);
                }
            }
        }
        return Tensor.of(out, indices.length, channels, size, size);
    }

    public static int[] labels(Idx.Array labels, int[] indices) {
        int[] out = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            out[i] = FashionMnist.label(labels, indices[i]);
        }
        return out;
    }
}
