package dev.resnettck.nn;

import dev.resnettck.tensor.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code torch.nn.Sequential}: children run in order; unnamed children are called "0", "1", ... */
public final class Sequential implements Module {
    private final Map<String, Module> children;
    private final List<Module> inOrder;

    public Sequential(Map<String, Module> named) {
        if (named.isEmpty()) {
            throw new IllegalArgumentException("Sequential: needs at least one module");
        }
        this.children = Collections.unmodifiableMap(new LinkedHashMap<>(named));
        this.inOrder = List.copyOf(children.values());
    }

    public static Sequential of(Module... modules) {
        Map<String, Module> named = new LinkedHashMap<>();
        for (int i = 0; i < modules.length; i++) {
            named.put(Integer.toString(i), modules[i]);
        }
        return new Sequential(named);
    }

    /** A copy with one child replaced, as {@code model.fc = nn.Linear(...)} replaces torchvision's head. */
    public Sequential with(String name, Module replacement) {
        if (!children.containsKey(name)) {
            throw new IllegalArgumentException("Sequential: no child named '" + name + "' to replace; children are "
                    + children.keySet());
        }
        Map<String, Module> copy = new LinkedHashMap<>(children);
        copy.put(name, replacement);
        return new Sequential(copy);
    }

    /** In inference a child that {@link FusesInInference} runs the children it can take after it in its own pass. */
    @Override
    public Tensor forward(Tensor input) {
        return forward(input, inOrder.size());
    }

    /** The first {@code end} children, fused as {@link #forward} fuses them (no group crosses {@code end}). */
    private Tensor forward(Tensor input, int end) {
        Tensor x = input;
        for (int i = 0; i < end; ) {
            Module m = inOrder.get(i);
            if (!GradMode.isEnabled() && m instanceof FusesInInference fusing) {
                List<Module> following = inOrder.subList(i + 1, end);
                int count = fusing.fusable(following);
                if (count > 0) {
                    x = fusing.forwardFused(x, following, count);
                    i += 1 + count;
                    continue;
                }
            }
            x = m.forward(x);
            i++;
        }
        return x;
    }

    /**
     * In inference: whether {@link #forwardWithResidual} can have the last convolution add a residual
     * block's shortcut and apply its ReLU as it writes (the last two children are a convolution and
     * the batch norm it takes).
     */
    public boolean fusesResidual() {
        int n = inOrder.size();
        return !GradMode.isEnabled() && n >= 2 && inOrder.get(n - 2) instanceof FusesInInference conv
                && conv.fusable(inOrder.subList(n - 1, n)) == 1;
    }

    /** {@code relu(forward(x) + residual)}, the sum and ReLU in the last convolution's pass; see {@link #fusesResidual}. */
    public Tensor forwardWithResidual(Tensor x, Tensor residual) {
        int n = inOrder.size();
        return ((FusesInInference) inOrder.get(n - 2)).forwardFused(forward(x, n - 2), inOrder.subList(n - 1, n), 1,
                residual);
    }

    @Override
    public Tensor backward(Tensor gradOutput) {
        return backward(gradOutput, true);
    }

    /** Only the first child is told whether the input gradient is needed; the others always pass one on. */
    @Override
    public Tensor backward(Tensor gradOutput, boolean inputGradient) {
        List<Module> reversed = new ArrayList<>(children.values());
        Collections.reverse(reversed);
        Tensor g = gradOutput;
        for (int i = 0; i < reversed.size(); i++) {
            g = reversed.get(i).backward(g, inputGradient || i < reversed.size() - 1);
        }
        return g;
    }

    @Override
    public Map<String, Module> children() {
        return children;
    }
}
