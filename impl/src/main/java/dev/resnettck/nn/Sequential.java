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
        Tensor x = input;
        for (int i = 0; i < inOrder.size(); ) {
            Module m = inOrder.get(i);
            if (!GradMode.isEnabled() && m instanceof FusesInInference fusing) {
                List<Module> following = inOrder.subList(i + 1, inOrder.size());
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
