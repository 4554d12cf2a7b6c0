package dev.resnettck.tck.layers;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one side computed for a case: the output, the buffers after the forward pass, and (after
 * backward) the gradients of the input and of every parameter. Values and shapes by name:
 * {@code output}, {@code buffer/<key>}, {@code grad/input}, {@code grad/<key>}.
 */
public record Outcome(Map<String, double[]> values, Map<String, int[]> shapes) {

    public static Outcome empty() {
        return new Outcome(new LinkedHashMap<>(), new LinkedHashMap<>());
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
