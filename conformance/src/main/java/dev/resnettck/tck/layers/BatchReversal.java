package dev.resnettck.tck.layers;

import java.util.Map;

/**
 * A case with its batch in reverse order, for the second float32 reference run: per-sample
 * quantities (input, output, their gradients) are reversed along dimension 0, while the
 * quantities summed over the batch (buffers, parameter gradients) keep their meaning and are
 * computed in another order.
 */
public final class BatchReversal {
    private BatchReversal() {
    }

    /**
     * Only cases that sum over a batch of two or more samples have another order to sample, and
     * only layers whose output keeps the batch in dimension 0 (not a Flatten from dimension 0).
     */
    static boolean applies(CaseData data, Outcome oracle) {
        int[] out = oracle.shapes().get("output");
        return (data.training() || data.backward()) && data.inputShape().length >= 2 && data.inputShape()[0] >= 2
                && out.length >= 1 && out[0] == data.inputShape()[0];
    }

    static CaseData of(CaseData data) {
        int batch = data.inputShape()[0];
        return new CaseData(reversed(data.input(), batch), data.inputShape(), data.state(), data.layout(), data.training(),
                data.backward(), data.nonContiguous(), size -> reversed(data.cotangent(size), batch));
    }

    /** The reversed run's outcome with its per-sample quantities put back in the case's order. */
    static Outcome undo(Outcome reversedRun, CaseData data) {
        int batch = data.inputShape()[0];
        Outcome out = Outcome.empty();
        for (Map.Entry<String, double[]> e : reversedRun.values().entrySet()) {
            int[] shape = reversedRun.shapes().get(e.getKey());
            boolean perSample = e.getKey().equals("output") || e.getKey().equals("grad/input");
            if (perSample && (shape.length < 1 || shape[0] != batch)) {
                throw new IllegalStateException(e.getKey() + " of shape " + java.util.Arrays.toString(shape)
                        + " does not keep the batch of " + batch + " in dimension 0");
            }
            out.put(e.getKey(), perSample ? reversed(e.getValue(), batch) : e.getValue(), shape);
        }
        return out;
    }

    /** Samples of {@code x.length / batch} values each, in reverse order. */
    public static float[] reversed(float[] x, int batch) {
        return reversedInto(x, new float[x.length], x.length, batch);
    }

    public static double[] reversed(double[] x, int batch) {
        return reversedInto(x, new double[x.length], x.length, batch);
    }

    private static <T> T reversedInto(T x, T out, int length, int batch) {
        int per = length / batch;
        for (int i = 0; i < batch; i++) {
            System.arraycopy(x, i * per, out, (batch - 1 - i) * per, per);
        }
        return out;
    }
}
