package dev.resnettck.nn;

import dev.resnettck.tensor.Shapes;
import dev.resnettck.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * torch's {@code state_dict} over a {@link Module} tree: a module's own parameters, then its own
 * buffers, then its children's entries under "name.". Loading is strict and names every missing,
 * unexpected, mis-shaped or non-finite entry at once.
 */
public final class StateDict {
    private StateDict() {
    }

    /** Every parameter under its full key, in state_dict order. */
    public static Map<String, Parameter> parameters(Module module) {
        Map<String, Parameter> out = new LinkedHashMap<>();
        walk(module, "", (prefix, m) -> m.parameters().forEach((k, p) -> out.put(prefix + k, p)));
        return out;
    }

    /** Every parameter value and buffer under its full key, in state_dict order (live tensors, not copies). */
    public static Map<String, Tensor> entries(Module module) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        walk(module, "", (prefix, m) -> {
            m.parameters().forEach((k, p) -> out.put(prefix + k, p.value()));
            m.buffers().forEach((k, b) -> out.put(prefix + k, b));
        });
        return out;
    }

    /** Every module under its full name ("" for the root), parents before children. */
    public static Map<String, Module> modules(Module module) {
        Map<String, Module> out = new LinkedHashMap<>();
        walk(module, "", (prefix, m) -> out.put(prefix.isEmpty() ? "" : prefix.substring(0, prefix.length() - 1), m));
        return out;
    }

    /** torch's {@code sum(p.numel() for p in model.parameters())}: parameters only, no buffers. */
    public static long parameterCount(Module module) {
        long n = 0;
        for (Parameter p : parameters(module).values()) {
            n += p.value().numel();
        }
        return n;
    }

    public static void zeroGrad(Module module) {
        parameters(module).values().forEach(Parameter::zeroGrad);
    }

    /**
     * Copies {@code source} into the module. Every key must be present, expected, of the right
     * shape and finite; otherwise nothing is copied and the error lists each problem.
     *
     * @param origin where the entries come from (a file name), used in the error message
     */
    public static void load(Module module, Map<String, Tensor> source, String origin) {
        check(module, source, origin);
        for (Map.Entry<String, Tensor> e : entries(module).entrySet()) {
            float[] into = e.getValue().data();
            System.arraycopy(source.get(e.getKey()).data(), 0, into, 0, into.length);
        }
    }

    /** What {@link #load} checks, without copying: the same keys, shapes, finite values; the error lists each problem. */
    public static void check(Module module, Map<String, Tensor> source, String origin) {
        Map<String, Tensor> target = entries(module);
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Tensor> e : target.entrySet()) {
            Tensor given = source.get(e.getKey());
            if (given == null) {
                problems.add("missing key '" + e.getKey() + "' (expected shape " + Shapes.format(e.getValue().shape()) + ")");
            } else if (!Arrays.equals(given.shape(), e.getValue().shape())) {
                problems.add("key '" + e.getKey() + "' has shape " + Shapes.format(given.shape()) + ", expected "
                        + Shapes.format(e.getValue().shape()));
            } else {
                int[] bad = given.firstNonFinite();
                if (bad != null) {
                    problems.add("key '" + e.getKey() + "' holds " + given.get(bad) + " at index " + Shapes.format(bad));
                }
            }
        }
        for (String key : source.keySet()) {
            if (!target.containsKey(key)) {
                problems.add("unexpected key '" + key + "' (shape " + Shapes.format(source.get(key).shape()) + ")");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("cannot load state_dict from " + origin + ": " + problems.size()
                    + " problem(s):\n  " + String.join("\n  ", problems));
        }
    }

    private static void walk(Module m, String prefix, BiConsumer<String, Module> visit) {
        visit.accept(prefix, m);
        m.children().forEach((name, child) -> walk(child, prefix + name + ".", visit));
    }
}
