package dev.resnettck.resnet;

import dev.resnettck.layers.ReLU;
import dev.resnettck.nn.Module;
import dev.resnettck.nn.Sequential;
import dev.resnettck.tensor.Shapes;
import dev.resnettck.tensor.Tensor;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code relu(body(x) + shortcut(x))}. The body's children are this block's children (torchvision
 * keeps conv1, bn1, ... directly in the block), followed by {@code downsample} when the shortcut is
 * a projection; a null shortcut is the identity.
 */
public final class ResidualBlock implements Module {
    private final Module body;
    private final Module shortcut;
    private final Module relu;
    private final Map<String, Module> children;

    public ResidualBlock(Module body, Module shortcut, Module relu) {
        this.body = body;
        this.shortcut = shortcut;
        this.relu = relu;
        Map<String, Module> named = new LinkedHashMap<>(body.children());
        if (shortcut != null) {
            named.put("downsample", shortcut);
        }
        this.children = Collections.unmodifiableMap(named);
    }

    @Override
    public Tensor forward(Tensor x) {
        if (relu instanceof ReLU builtin && body instanceof Sequential layers && layers.fusesResidual()) {
            // inference: the body's last convolution adds the shortcut and applies the ReLU as it writes
            Tensor identity = shortcut == null ? x : shortcut.forward(x);
            builtin.skipped();
            return layers.forwardWithResidual(x, identity);
        }
        Tensor out = body.forward(x);
        Tensor identity = shortcut == null ? x : shortcut.forward(x);
        if (relu instanceof ReLU builtin) {
            requireSameShape(out, identity);
            return builtin.forwardSum(out, identity); // one pass instead of two
        }
        return relu.forward(add(out, identity));
    }

    @Override
    public Tensor backward(Tensor gradOutput) {
        Tensor g = relu.backward(gradOutput);
        Tensor viaBody = body.backward(g);
        Tensor viaShortcut = shortcut == null ? g : shortcut.backward(g);
        return add(viaBody, viaShortcut);
    }

    @Override
    public Map<String, Module> children() {
        return children;
    }

    @Override
    public void train(boolean training) {
        body.train(training);
        if (shortcut != null) {
            shortcut.train(training);
        }
        relu.train(training);
    }

    public Module body() {
        return body;
    }

    public Module shortcut() {
        return shortcut;
    }

    private static void requireSameShape(Tensor body, Tensor shortcut) {
        if (!Arrays.equals(body.shape(), shortcut.shape())) {
            throw new IllegalArgumentException("residual block: the body gives shape " + Shapes.format(body.shape())
                    + " but the shortcut gives " + Shapes.format(shortcut.shape())
                    + " (a projection shortcut is needed when the stride or the channels change)");
        }
    }

    /** The element-wise sum, laid out as {@code a} is when {@code a} is dense (compact or channels-last). */
    static Tensor add(Tensor a, Tensor b) {
        requireSameShape(a, b);
        Tensor first = a.isDense() ? a : a.contiguous();
        float[] x = first.storage();
        float[] y = b.inLayoutOf(first).storage();
        float[] sum = new float[x.length];
        for (int i = 0; i < sum.length; i++) {
            sum[i] = x[i] + y[i];
        }
        return first.withStorage(sum);
    }
}
