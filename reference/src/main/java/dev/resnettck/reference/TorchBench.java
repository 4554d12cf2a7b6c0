package dev.resnettck.reference;

/**
 * libtorch's side of the benchmarks, float32 as torch runs by default: tensors made once and kept,
 * each measured call in its own short session so its temporaries are freed with it.
 */
public final class TorchBench implements AutoCloseable {
    private final TorchSession owner = TorchSession.forward(Precision.FLOAT32);

    /** A kept float32 tensor that records gradients when a backward call uses it. */
    public RefVar tensor(float[] data, int... shape) {
        RefVar v = owner.constant(data, shape);
        v.array.setRequiresGradient(true);
        return v;
    }

    /** One convolution; with {@code backward}, forward then backward of a cotangent (a training step's share). */
    public double conv2d(RefVar x, RefVar w, int stride, int padding, float[] cotangent) {
        try (TorchSession t = cotangent == null ? TorchSession.forward(Precision.FLOAT32)
                : TorchSession.withGradients(Precision.FLOAT32)) {
            RefVar y = t.conv2d(t.borrow(x), w, null, stride, stride, padding, padding);
            if (cotangent != null) {
                t.backward(y, cotangent);
            }
            return y.shape()[0];
        }
    }

    @Override
    public void close() {
        owner.close();
    }
}
