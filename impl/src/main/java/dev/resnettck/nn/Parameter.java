package dev.resnettck.nn;

import dev.resnettck.tensor.Shapes;
import dev.resnettck.tensor.Tensor;
import java.util.Arrays;

/** A trainable tensor with its accumulated gradient, like {@code torch.nn.Parameter}. */
public final class Parameter {
    private final Tensor value;
    private Tensor grad;
    private boolean requiresGrad = true;

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

    /** The accumulated gradient; compact, same shape as the value (allocated on first use, zero until then). */
    public Tensor grad() {
        if (grad == null) {
            grad = Tensor.zeros(value.shape());
        }
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
        if (grad != null) {
            Arrays.fill(grad.data(), 0f);
        }
    }

    /** Copies new values in; the shape must match exactly. */
    public void set(Tensor newValue) {
        Shapes.requireSameShape(newValue, value.shape(), "new value");
        System.arraycopy(newValue.data(), 0, value.data(), 0, value.numel());
    }

    /** Adds {@code delta} into the gradient when this parameter requires one. */
    public void accumulateGrad(float[] delta) {
        if (!requiresGrad) {
            return;
        }
        float[] g = grad().data();
        if (delta.length != g.length) {
            throw new IllegalArgumentException("gradient of " + delta.length + " elements for a parameter of shape "
                    + Shapes.format(value.shape()));
        }
        for (int i = 0; i < g.length; i++) {
            g[i] += delta[i];
        }
    }
}
