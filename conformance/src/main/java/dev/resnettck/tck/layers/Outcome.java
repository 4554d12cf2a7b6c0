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

    /** Records, for every quantity, how far {@code float32Run} lies from this outcome. */
    public Outcome withNoiseOf(Outcome float32Run) {
        values.forEach((name, v) -> {
            double[] r = float32Run.values().get(name);
            if (r != null) {
                float32Noise.put(name, dev.resnettck.tck.compare.Float32Noise.of(v, r));
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
