package dev.resnettck.nn;

import dev.resnettck.kernels.fast.Parallel;
import dev.resnettck.tensor.Shapes;
import dev.resnettck.tensor.Tensor;
import java.util.Arrays;

/** A trainable tensor with its accumulated gradient, like {@code torch.nn.Parameter}. */
public final class Parameter {
    private final Tensor value;
    private Tensor grad;
    /**
     * Set by {@link #zeroGrad}: the gradient is zero, its array not yet cleared. The next accumulation
     * copies instead of adding (torch's first backward after {@code zero_grad()} assigns too), which
     * spares a training step two passes over every gradient (ResNet18's are 45 MB).
     */
    private boolean zeroPending;
    private boolean requiresGrad = true;
    /** Floats a task adds when gradients accumulate (a 3x3 512-channel layer's are 2.4 M). */
    private static final int ADD_CHUNK = 1 << 15;

    public Parameter(Tensor initial) {
        this.value = initial.copy();
    }

    public static Parameter zeros(int... shape) {
        return new Parameter(Tensor.zeros(shape));
    }

    public static Parameter filled(float value, int... shape) {
        float[] data = new float[Math.toIntExact(Shapes.numel(shape))];
        Arrays.fill(data, value);
        return new Parameter(Tensor.of(data, shape));
    }

    /** The value; compact, so {@code value().data()} is the live array. */
    public Tensor value() {
        return value;
    }

    /**
     * The accumulated gradient; compact, same shape as the value (allocated on first use, zero until then).
     * Call it again after {@link #zeroGrad} and after each backward: an array taken from it before keeps its
     * old values until the next call or accumulation clears it (the clearing is lazy), or for good where a
     * backward handed the parameter a new gradient array ({@link #accumulateOwnedGrad}).
     */
    public Tensor grad() {
        if (grad == null) {
            grad = Tensor.zeros(value.shape());
        } else if (zeroPending) {
            Arrays.fill(grad.data(), 0f);
        }
        zeroPending = false;
        return grad;
    }

    public int[] shape() {
        return value.shape();
    }

    public boolean requiresGrad() {
        return requiresGrad;
    }

    /** torch's {@code requires_grad_}: a frozen parameter accumulates no gradient. */
    public void requiresGrad(boolean on) {
        this.requiresGrad = on;
    }

    public void zeroGrad() {
        zeroPending = grad != null;
    }

    /** Copies new values in; the shape must match exactly. */
    public void set(Tensor newValue) {
        Shapes.requireSameShape(newValue, value.shape(), "new value");
        System.arraycopy(newValue.data(), 0, value.data(), 0, value.numel());
    }

    /** Adds {@code delta} into the gradient when this parameter requires one. */
    public void accumulateGrad(float[] delta) {
        accumulate(delta, false);
    }

    /**
     * As {@link #accumulateGrad}, for a {@code delta} handed over (its caller keeps no reference to it):
     * while the gradient is zero, {@code delta} becomes the gradient as it is, uncopied. A convolution's
     * weight gradient is a new array each backward; copying ResNet18's (45 MB) took 3-4 ms of the gate's
     * 80 ms training step.
     */
    public void accumulateOwnedGrad(float[] delta) {
        accumulate(delta, true);
    }

    /**
     * Where the gradient is zero but its array not yet cleared (after {@link #zeroGrad}), lets {@code
     * writer} overwrite that array with the new gradient, every float of it, instead of handing over a new
     * one ({@link #accumulateOwnedGrad}): a new array is zeroed by the JVM on one thread (ResNet18's weight
     * gradients are 45 MB a step). Returns whether the writer wrote the gradient; where it returns false,
     * or there is no such array, or no gradient is required, the gradient is as it was, still zero.
     */
    public boolean overwriteZeroGrad(java.util.function.Predicate<float[]> writer) {
        if (!requiresGrad || grad == null || !zeroPending) {
            return false;
        }
        if (!writer.test(grad.data())) {
            return false;
        }
        zeroPending = false;
        return true;
    }

    private void accumulate(float[] delta, boolean owned) {
        if (!requiresGrad) {
            return;
        }
        if (delta.length != value.numel()) {
            throw new IllegalArgumentException("gradient of " + delta.length + " elements for a parameter of shape "
                    + Shapes.format(value.shape()));
        }
        boolean replace = grad == null || zeroPending; // the gradient is zero: take delta as it is
        if (replace && owned) {
            grad = Tensor.of(delta, value.shape());
            zeroPending = false;
            return;
        }
        if (grad == null) {
            grad = Tensor.zeros(value.shape());
        }
        zeroPending = false;
        float[] g = grad.data();
        if (replace) {
            System.arraycopy(delta, 0, g, 0, delta.length);
            return;
        }
        // element-wise, so chunks on the kernels' threads give the same bits as one loop
        Parallel.forRanges(g.length, ADD_CHUNK, (from, to) -> {
            for (int i = from; i < to; i++) {
                g[i] += delta[i];
            }
        });
    }
}
