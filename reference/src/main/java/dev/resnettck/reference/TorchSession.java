package dev.resnettck.reference;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.GradientCollector;

/**
 * The PyTorch reference as functions: each op is the libtorch kernel {@code torch.nn.functional}
 * calls, reached through DJL's PyTorch engine, in the session's {@link Precision}. A session that
 * records gradients computes them with torch's autograd. Close it to free native memory. One
 * gradient-recording session at a time (DJL allows one collector).
 */
public final class TorchSession implements AutoCloseable {
    /** libtorch's interpolation mode number for bilinear, as DJL's JNI passes it. */
    private static final int BILINEAR = 2;
    private final NDManager manager;
    private final DataType dtype;
    private final boolean roundBetweenOps;
    private final boolean unfolded;
    private final GradientCollector collector;
    private final boolean gradModeBefore;
    private ReluHook reluHook;
    private int reluCalls;

    private TorchSession(Precision precision, boolean gradients) {
        ReferenceEngine.requireAvailable();
        this.manager = NDManager.newBaseManager(null, DjlProbe.ENGINE);
        this.dtype = precision.isFloat32() ? DataType.FLOAT32 : DataType.FLOAT64;
        this.roundBetweenOps = precision == Precision.FLOAT64_ROUNDED;
        this.unfolded = precision == Precision.FLOAT32_UNFOLDED;
        // torch's grad mode is per thread and on by default: a forward session records no graph on any thread
        this.gradModeBefore = JniUtils.isGradMode();
        if (!gradients) {
            JniUtils.setGradMode(false);
        }
        this.collector = gradients ? Engine.getEngine(DjlProbe.ENGINE).newGradientCollector() : null;
    }

    /** Runs {@code update} with torch's grad mode off (optimizer steps change leaf tensors in place). */
    static void withoutGrad(Runnable update) {
        boolean before = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try {
            update.run();
        } finally {
            JniUtils.setGradMode(before);
        }
    }

    /** A session for forward passes only. */
    public static TorchSession forward(Precision precision) {
        return new TorchSession(precision, false);
    }

    /** A session that records operations so {@link #backward} can run torch's autograd. */
    public static TorchSession withGradients(Precision precision) {
        return new TorchSession(precision, true);
    }

    /** A tensor that needs no gradient (inputs, buffers), from float32 values. */
    public RefVar constant(float[] data, int... shape) {
        return new RefVar(create(data, shape));
    }

    /** A tensor whose gradient backward will compute (inputs, parameters). */
    public RefVar variable(float[] data, int... shape) {
        NDArray a = create(data, shape);
        if (collector != null) {
            a.setRequiresGradient(true);
        }
        return new RefVar(a);
    }

    private NDArray create(float[] data, int... shape) {
        double[] wide = new double[data.length];
        for (int i = 0; i < data.length; i++) {
            wide[i] = data[i];
        }
        return manager.create(wide, shape(shape)).toType(dtype, false);
    }

    /**
     * A tensor owned by a longer-lived session, lent to this one until it closes: results of ops that
     * start from it are then freed with this session instead of piling up in the owner.
     */
    public RefVar borrow(RefVar owned) {
        owned.array.tempAttach(manager);
        return owned;
    }

    /** {@code F.conv2d(x, w, b, stride, padding)}; b may be null. */
    public RefVar conv2d(RefVar x, RefVar w, RefVar b, int sh, int sw, int ph, int pw) {
        if (unfolded) {
            return result(unfoldedConv2d(x.array, w.array, b == null ? null : b.array, sh, sw, ph, pw));
        }
        return result(Conv2d.conv2d(x.array, w.array, b == null ? null : b.array, new Shape(sh, sw),
                new Shape(ph, pw), new Shape(1, 1), 1).singletonOrThrow());
    }

    /**
     * The same convolution as an im2col GEMM: the zero-padded input, one strided slice per tap
     * stacked into columns (n, c * kh * kw, oh * ow), times the weight as an (oc, c * kh * kw) matrix;
     * autograd differentiates the slices and the product.
     */
    private static NDArray unfoldedConv2d(NDArray x, NDArray w, NDArray b, int sh, int sw, int ph, int pw) {
        long[] xs = x.getShape().getShape();
        long[] ws = w.getShape().getShape();
        long oh = (xs[2] + 2L * ph - ws[2]) / sh + 1;
        long ow = (xs[3] + 2L * pw - ws[3]) / sw + 1;
        NDArray padded = x.pad(new Shape(pw, pw, ph, ph), 0);
        NDList taps = new NDList();
        for (long ky = 0; ky < ws[2]; ky++) {
            for (long kx = 0; kx < ws[3]; kx++) {
                taps.add(padded.get(new NDIndex(":, :, {}:{}:{}, {}:{}:{}", ky, ky + sh * (oh - 1) + 1, sh, kx,
                        kx + sw * (ow - 1) + 1, sw)));
            }
        }
        NDArray columns = NDArrays.stack(taps, 2).reshape(xs[0], xs[1] * ws[2] * ws[3], oh * ow);
        NDArray y = w.reshape(ws[0], ws[1] * ws[2] * ws[3]).matMul(columns).reshape(xs[0], ws[0], oh, ow);
        return b == null ? y : y.add(b.reshape(1, ws[0], 1, 1));
    }

    /**
     * {@code F.batch_norm(x, running_mean, running_var, weight, bias, training, momentum, eps)}; in
     * training mode torch updates the running statistics in place, as the module does. Calls DJL's
     * JNI directly: its Java wrapper takes eps and momentum as floats and computes {@code 1 - m} in
     * float arithmetic, while torch receives both as doubles (1e-5f and 1e-5 round BN outputs
     * differently about once in 10,000 elements).
     */
    public RefVar batchNorm2d(RefVar x, RefVar gamma, RefVar beta, RefVar runningMean, RefVar runningVar,
                              double torchMomentum, double eps, boolean training) {
        // JniUtils' parameter names are misleading; the native order is input, running_mean, running_var, weight, bias
        return result(JniUtils.batchNorm((PtNDArray) x.array, (PtNDArray) runningMean.array,
                (PtNDArray) runningVar.array, (PtNDArray) gamma.array, (PtNDArray) beta.array, training, torchMomentum,
                eps));
    }

    /** Every later {@link #relu} is shown to {@code hook}, which may flip elements' activations. */
    public TorchSession withReluHook(ReluHook hook) {
        this.reluHook = hook;
        return this;
    }

    public RefVar relu(RefVar x) {
        if (reluHook == null) {
            return result(Activation.relu(x.array));
        }
        double[] v = x.values();
        int[] flips = reluHook.flips(reluCalls++, v, x.shape());
        if (flips.length == 0) {
            return result(Activation.relu(x.array));
        }
        // torch's ReLU gradient is the mask x > 0: the same mask, with the flipped elements toggled, as a constant factor
        double[] mask = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            mask[i] = v[i] > 0 ? 1 : 0;
        }
        for (int i : flips) {
            mask[i] = 1 - mask[i];
        }
        NDArray m = manager.create(mask, x.array.getShape()).toType(dtype, false);
        return result(x.array.mul(m));
    }

    /** {@code F.max_pool2d(x, kernel, stride, padding)}, floor mode. */
    public RefVar maxPool2d(RefVar x, int kh, int kw, int sh, int sw, int ph, int pw) {
        return result(Pool.maxPool2d(x.array, new Shape(kh, kw), new Shape(sh, sw), new Shape(ph, pw), false));
    }

    /** {@code F.adaptive_avg_pool2d(x, (1, 1))}: (n, c, h, w) to (n, c, 1, 1). */
    public RefVar globalAvgPool2d(RefVar x) {
        long[] s = x.array.getShape().getShape();
        return result(Pool.globalAvgPool2d(x.array).reshape(s[0], s[1], 1, 1));
    }

    /** {@code torch.flatten(x, start, end)}. */
    public RefVar flatten(RefVar x, int start, int end) {
        long[] s = x.array.getShape().getShape();
        int rank = s.length;
        int from = start < 0 ? start + rank : start;
        int to = end < 0 ? end + rank : end;
        long[] out = new long[rank - (to - from)];
        int o = 0;
        for (int d = 0; d < from; d++) {
            out[o++] = s[d];
        }
        long merged = 1;
        for (int d = from; d <= to; d++) {
            merged *= s[d];
        }
        out[o++] = merged;
        for (int d = to + 1; d < rank; d++) {
            out[o++] = s[d];
        }
        return new RefVar(x.array.reshape(out));
    }

    /** {@code F.linear(x, w, b)}; b may be null. */
    public RefVar linear(RefVar x, RefVar w, RefVar b) {
        return result(Linear.linear(x.array, w.array, b == null ? null : b.array).singletonOrThrow());
    }

    /**
     * torchvision's {@code Resize} on tensors: {@code F.interpolate(x, (h, w), mode='bilinear',
     * align_corners=False, antialias=True)} on an (n, c, H, W) tensor.
     */
    public RefVar resize(RefVar x, int h, int w) {
        return result(JniUtils.interpolate((PtNDArray) x.array, new long[] {h, w}, BILINEAR, false));
    }

    /** {@code x[:, :, top:top+h, left:left+w]}: torchvision's {@code CenterCrop} once the offsets are known. */
    public RefVar crop(RefVar x, int top, int left, int h, int w) {
        return new RefVar(x.array.get(new NDIndex(":, :, {}:{}, {}:{}", top, top + h, left, left + w)));
    }

    /** torchvision's {@code Normalize}: {@code (x - mean[c]) / std[c]} over an (n, c, h, w) tensor. */
    public RefVar normalize(RefVar x, float[] mean, float[] std) {
        NDArray m = create(mean, 1, mean.length, 1, 1);
        NDArray s = create(std, 1, std.length, 1, 1);
        return result(x.array.sub(m).div(s));
    }

    public RefVar add(RefVar a, RefVar b) {
        return result(a.array.add(b.array));
    }

    /** {@code F.cross_entropy(logits, targets)} with mean reduction: {@code -mean(log_softmax(z)[target])}. */
    public RefVar crossEntropy(RefVar logits, int[] targets) {
        long[] s = logits.array.getShape().getShape();
        int classes = Math.toIntExact(s[1]);
        double[] oneHot = new double[targets.length * classes];
        for (int i = 0; i < targets.length; i++) {
            oneHot[i * classes + targets[i]] = 1;
        }
        NDArray picks = manager.create(oneHot, new Shape(targets.length, classes)).toType(dtype, false);
        return result(logits.array.logSoftmax(1).mul(picks).sum(new int[] {1}).mean().neg());
    }

    /**
     * torch's autograd: backpropagates {@code sum(output * cotangent)}, so every variable's gradient
     * becomes the vector-Jacobian product with the cotangent.
     */
    public void backward(RefVar output, float[] cotangent) {
        if (collector == null) {
            throw new IllegalStateException("this session was opened without gradients");
        }
        NDArray cot = create(cotangent, output.shape());
        collector.backward(output.array.mul(cot).sum());
    }

    /**
     * An op's result, rounded to float32 values when the session stores float32 between ops. DJL's
     * dtype cast leaves the autograd graph, so the rounding is added as a constant correction:
     * {@code a + (fl32(a) - a)}, exact in float64 (Sterbenz), with the gradient passing through.
     */
    private RefVar result(NDArray a) {
        if (!roundBetweenOps) {
            return new RefVar(a);
        }
        NDArray rounded = a.toType(DataType.FLOAT32, true).toType(DataType.FLOAT64, false);
        return new RefVar(a.add(rounded.sub(a).stopGradient()));
    }

    private static Shape shape(int[] dims) {
        long[] s = new long[dims.length];
        for (int i = 0; i < dims.length; i++) {
            s[i] = dims[i];
        }
        return new Shape(s);
    }

    @Override
    public void close() {
        if (collector != null) {
            collector.close();
        }
        JniUtils.setGradMode(gradModeBefore);
        manager.close();
    }
}
