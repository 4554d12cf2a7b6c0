package dev.resnettck.tck.layers;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one side computed for a case: the output, the buffers after the forward pass, and (after
 * backward) the gradients of the input and of every parameter. Values and shapes by name:
 * {@code output}, {@code buffer/<key>}, {@code grad/input}, {@code grad/<key>}; for the reference, the float32
 * noise of each ({@link dev.resnettck.tck.compare.Float32Noise}).
 */
public record Outcome(Map<String, double[]> values, Map<String, int[]> shapes, Map<String, Double> float32Noise) {

    public static Outcome empty() {
        return new Outcome(new LinkedHashMap<>(), new LinkedHashMap<>(), new LinkedHashMap<>());
    }

    /** The float32 noise of a quantity (the reference's float32 run against this outcome); 0 when none was measured. */
    public double noise(String name) {
        return float32Noise.getOrDefault(name, 0.0);
    }

    /**
     * A tensor with fewer elements than this takes, as its float32 noise, the largest noise of its
     * kind in the case (gradients, or outputs and buffers): a max over a handful of elements is per
     * element in all but name (measured: one-element bias and weight gradients whose float32 run
     * happened to cancel exactly set bounds near 1e-13 that every other float32 ordering missed).
     */
    public static final int POOLED_BELOW = 16;

    /** Records, for every quantity, how far the farthest of the float32 runs lies from this outcome. */
    public Outcome withNoiseOf(Outcome... float32Runs) {
        values.forEach((name, v) -> {
            for (Outcome run : float32Runs) {
                double[] r = run.values().get(name);
                if (r != null) {
                    float32Noise.merge(name, dev.resnettck.tck.compare.Float32Noise.of(v, r), Math::max);
                }
            }
        });
        Map<String, Double> own = new LinkedHashMap<>(float32Noise);
        own.forEach((name, noise) -> {
            if (values.get(name).length < POOLED_BELOW) {
                boolean gradient = name.startsWith("grad/");
                double pooled = own.entrySet().stream().filter(e -> e.getKey().startsWith("grad/") == gradient)
                        .mapToDouble(Map.Entry::getValue).max().orElse(noise);
                float32Noise.put(name, Math.max(noise, pooled));
            }
        });
        return this;
    }

    public void put(String name, double[] v, int[] shape) {
        values.put(name, v);
        shapes.put(name, shape);
    }

    public void put(String name, float[] v, int[] shape) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        put(name, d, shape);
    }
}
