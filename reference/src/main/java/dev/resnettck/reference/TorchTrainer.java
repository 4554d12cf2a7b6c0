package dev.resnettck.reference;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The reference side of training: torchvision's ResNet (as {@link TorchVision} functions) with
 * persistent parameters and buffers, torch's autograd for gradients, and torch.optim's Adam and SGD
 * update formulas (the single-tensor CPU path of torch 2.7) in libtorch ops. In FLOAT64_ROUNDED,
 * parameters and optimizer state are rounded to float32 values after each update, as torch stores them.
 */
public final class TorchTrainer implements AutoCloseable {
    private final NDManager manager;
    private final Precision precision;
    private final DataType dtype;
    private final Map<String, NDArray> state = new LinkedHashMap<>();
    private final Set<String> trainable;
    private final Map<String, NDArray> expAvg = new LinkedHashMap<>();
    private final Map<String, NDArray> expAvgSq = new LinkedHashMap<>();
    private final Map<String, NDArray> momentumBuffer = new LinkedHashMap<>();
    private final boolean bottleneck;
    private final int[] blocks;
    private final int[] strides;
    private int adamSteps;

    /**
     * @param values    the state_dict (parameters and buffers) as float32 values
     * @param trainable the parameter keys that receive gradients (the others are frozen or buffers)
     */
    public TorchTrainer(Map<String, float[]> values, Map<String, int[]> shapes, Set<String> trainable,
                        boolean bottleneck, int[] blocks, int[] strides, Precision precision) {
        ReferenceEngine.requireAvailable();
        this.manager = NDManager.newBaseManager(null, DjlProbe.ENGINE);
        this.precision = precision;
        this.dtype = precision.isFloat32() ? DataType.FLOAT32 : DataType.FLOAT64;
        this.trainable = Set.copyOf(trainable);
        this.bottleneck = bottleneck;
        this.blocks = blocks.clone();
        this.strides = strides.clone();
        values.forEach((k, v) -> {
            double[] wide = new double[v.length];
            for (int i = 0; i < v.length; i++) {
                wide[i] = v[i];
            }
            long[] s = new long[shapes.get(k).length];
            for (int d = 0; d < s.length; d++) {
                s[d] = shapes.get(k)[d];
            }
            NDArray a = manager.create(wide, new Shape(s)).toType(dtype, false);
            if (this.trainable.contains(k)) {
                a.setRequiresGradient(true);
            }
            state.put(k, a);
        });
    }

    /**
     * Forward in training mode, cross-entropy, and backward of {@code scale * loss}, adding into the
     * parameters' gradients (torch accumulates, as with {@code loss.backward()} per micro-batch).
     * Returns the loss.
     */
    public double accumulate(float[] x, int[] shape, int[] targets, double scale) {
        return accumulate(x, shape, targets, scale, null);
    }

    /** As {@link #accumulate(float[], int[], int[], double)}, every ReLU shown to {@code hook} (null: none). */
    public double accumulate(float[] x, int[] shape, int[] targets, double scale, ReluHook hook) {
        try (TorchSession t = TorchSession.withGradients(precision).withReluHook(hook)) {
            RefVar logits = TorchVision.resnet(t, wrapped(), t.constant(x, shape), bottleneck, blocks, strides,
                    TorchVision.Norm.of(true), null);
            RefVar loss = t.crossEntropy(logits, targets);
            t.backward(loss, new float[] {(float) scale});
            countBatch();
            return loss.values()[0];
        }
    }

    /** torch's BatchNorm2d module (not F.batch_norm) counts training batches: num_batches_tracked += 1. */
    private void countBatch() {
        TorchSession.withoutGrad(() -> state.forEach((k, v) -> {
            if (k.endsWith("num_batches_tracked")) {
                v.addi(1);
            }
        }));
    }

    /** Evaluation-mode logits. */
    public double[] logits(float[] x, int[] shape) {
        try (TorchSession t = TorchSession.forward(precision)) {
            return TorchVision.resnet(t, wrapped(), t.constant(x, shape), bottleneck, blocks, strides,
                    TorchVision.Norm.of(false), null).values();
        }
    }

    private Map<String, RefVar> wrapped() {
        Map<String, RefVar> w = new LinkedHashMap<>();
        state.forEach((k, v) -> w.put(k, new RefVar(v)));
        return w;
    }

    public void zeroGrad() {
        TorchSession.withoutGrad(() -> {
            for (String k : trainable) {
                try (NDArray g = state.get(k).getGradient()) {
                    g.muli(0);
                }
            }
        });
    }

    /**
     * Overwrites parameters and buffers with these float32 values (the keys given; the others and the
     * optimizer state are kept): a step can start from another model's state.
     */
    public void load(Map<String, float[]> values) {
        TorchSession.withoutGrad(() -> values.forEach((k, v) -> overwrite(required(k), v)));
    }

    /** Overwrites the gradients of these trainable parameters (the optimizer then steps on them). */
    public void setGradients(Map<String, float[]> gradients) {
        TorchSession.withoutGrad(() -> gradients.forEach((k, v) -> {
            if (!trainable.contains(k)) {
                throw new IllegalArgumentException("not a trainable parameter: " + k);
            }
            try (NDArray g = required(k).getGradient()) {
                overwrite(g, v);
            }
        }));
    }

    private NDArray required(String key) {
        NDArray a = state.get(key);
        if (a == null) {
            throw new IllegalArgumentException("no state_dict entry " + key + " in the reference model");
        }
        return a;
    }

    /** In place, so autograd's leaf and its gradient stay the same tensors: {@code a * 0 + values}, exact. */
    private void overwrite(NDArray a, float[] values) {
        if (a.size() != values.length) {
            throw new IllegalArgumentException("expected " + a.size() + " values, got " + values.length);
        }
        double[] wide = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            wide[i] = values[i];
        }
        try (NDArray v = manager.create(wide, a.getShape()).toType(a.getDataType(), false)) {
            a.muli(0).addi(v);
        }
    }

    /** torch.optim.Adam's step with the given (possibly cycled) lr and beta1. */
    public void adamStep(double lr, double beta1, double beta2, double eps, double weightDecay) {
        TorchSession.withoutGrad(() -> adam(lr, beta1, beta2, eps, weightDecay));
    }

    private void adam(double lr, double beta1, double beta2, double eps, double weightDecay) {
        adamSteps++;
        double bias1 = 1 - Math.pow(beta1, adamSteps);
        double bias2Sqrt = Math.sqrt(1 - Math.pow(beta2, adamSteps));
        try (NDManager step = manager.newSubManager()) {
            for (String k : trainable) {
                NDArray p = state.get(k);
                NDArray g = p.getGradient();
                g.attach(step);
                if (weightDecay != 0) {
                    g = keep(g.add(keep(p.mul(weightDecay), step)), step);
                }
                NDArray m = expAvg.computeIfAbsent(k, key -> p.zerosLike());
                NDArray v = expAvgSq.computeIfAbsent(k, key -> p.zerosLike());
                m.addi(keep(keep(g.sub(m), step).mul(1 - beta1), step)); // exp_avg.lerp_(grad, 1 - beta1)
                v.muli(beta2).addi(keep(keep(g.mul(g), step).mul(1 - beta2), step));
                round(m, step);
                round(v, step);
                NDArray denom = keep(keep(v.sqrt(), step).div(bias2Sqrt), step).add(eps);
                keep(denom, step);
                p.subi(keep(keep(m.div(denom), step).mul(lr / bias1), step));
                round(p, step);
            }
        }
    }

    /** torch.optim.SGD's step (dampening 0, no Nesterov). */
    public void sgdStep(double lr, double momentum, double weightDecay) {
        TorchSession.withoutGrad(() -> sgd(lr, momentum, weightDecay));
    }

    private void sgd(double lr, double momentum, double weightDecay) {
        try (NDManager step = manager.newSubManager()) {
            for (String k : trainable) {
                NDArray p = state.get(k);
                NDArray g = p.getGradient();
                g.attach(step);
                NDArray d = weightDecay == 0 ? g : keep(g.add(keep(p.mul(weightDecay), step)), step);
                if (momentum != 0) {
                    NDArray buf = momentumBuffer.get(k);
                    if (buf == null) {
                        buf = d.duplicate();
                        buf.attach(manager);
                        momentumBuffer.put(k, buf);
                    } else {
                        buf.muli(momentum).addi(d);
                    }
                    round(buf, step);
                    d = buf;
                }
                p.subi(keep(d.mul(lr), step));
                round(p, step);
            }
        }
    }

    /** Rounds a stored tensor to float32 values in place (FLOAT64_ROUNDED), exactly: p - (p - fl32(p)). */
    private void round(NDArray a, NDManager step) {
        if (precision != Precision.FLOAT64_ROUNDED) {
            return;
        }
        NDArray r = keep(keep(a.toType(DataType.FLOAT32, true), step).toType(DataType.FLOAT64, true), step);
        a.subi(keep(a.sub(r), step));
    }

    private static NDArray keep(NDArray a, NDManager step) {
        a.attach(step);
        return a;
    }

    /** Current values of the state_dict. */
    public Map<String, double[]> values() {
        Map<String, double[]> out = new LinkedHashMap<>();
        state.forEach((k, v) -> out.put(k, v.toType(DataType.FLOAT64, false).toDoubleArray()));
        return out;
    }

    /** Current gradients of the trainable parameters. */
    public Map<String, double[]> gradients() {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (String k : trainable) {
            try (NDArray g = state.get(k).getGradient()) {
                out.put(k, g.toType(DataType.FLOAT64, false).toDoubleArray());
            }
        }
        return out;
    }

    public List<String> keys() {
        return List.copyOf(state.keySet());
    }

    @Override
    public void close() {
        manager.close();
    }
}
