package dev.resnettck.tck.layers;

import dev.resnettck.reference.Precision;
import dev.resnettck.reference.RefVar;
import dev.resnettck.reference.TorchSession;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The reference side of a layer case: torch through DJL, float64 arithmetic with float32 tensors
 * between ops ({@link Precision#FLOAT64_ROUNDED}), and the same case in torch's float32 for the
 * float32 noise the certifying level needs. Kept apart from {@link LayerRun} so that checks
 * against golden files never load a DJL class.
 */
public final class LayerReference {
    private LayerReference() {
    }

    /**
     * The torch side of a case: the oracle, with each quantity's float32 noise from torch's own
     * float32 runs. One float32 run samples float32's error too thinly where a case sums over the
     * batch or composes layers, so up to two more join it: one over the batch in reverse order
     * (another valid order of every sum over the batch, {@link BatchReversal}), and, for a
     * composition of layers, one over the data moved by one ulp ({@link UlpPerturbation}: how the
     * composition amplifies a ulp-level change of what flows into it, which is what one layer's
     * float32 rounding is to the layers after it). Each quantity's noise is the largest distance of
     * the runs from the oracle. A single layer gets no perturbed run: its inputs are exact, and its
     * own rounding is what its float32 run samples (ReLU, pooling and copies keep a zero bound).
     * A float32 run that cannot be rounding of the case is made again another way ({@link Float32Runs}).
     */
    public static <A> Outcome run(LayerSpec<A> spec, A args, CaseData data) {
        Outcome oracle = run(spec, args, data, Precision.FLOAT64_ROUNDED);
        String what = spec.id() + " " + args;
        java.util.List<Outcome> float32 = new java.util.ArrayList<>();
        float32.add(Float32Runs.checked(oracle, what, p -> run(spec, args, data, p)));
        if (UlpPerturbation.applies(data)) {
            CaseData moved = UlpPerturbation.of(data);
            float32.add(Float32Runs.checked(oracle, what, p -> run(spec, args, moved, p)));
        }
        if (BatchReversal.applies(data, oracle)) {
            CaseData reversed = BatchReversal.of(data);
            float32.add(Float32Runs.checked(oracle, what, p -> BatchReversal.undo(run(spec, args, reversed, p), data)));
        }
        return oracle.withNoiseOf(float32.toArray(Outcome[]::new));
    }

    /** The torch side of a case in one precision. */
    public static <A> Outcome run(LayerSpec<A> spec, A args, CaseData data, Precision precision) {
        Outcome out = Outcome.empty();
        try (TorchSession torch = data.backward() ? TorchSession.withGradients(precision)
                : TorchSession.forward(precision)) {
            RefVar rx = data.backward() ? torch.variable(data.input(), data.inputShape())
                    : torch.constant(data.input(), data.inputShape());
            Map<String, RefVar> rs = new LinkedHashMap<>();
            for (StateEntry e : data.layout()) {
                float[] v = data.state().get(e.key());
                rs.put(e.key(), e.isParameter() && data.backward() ? torch.variable(v, e.shape())
                        : torch.constant(v, e.shape()));
            }
            RefVar ry = spec.reference().forward(torch, args, rx, rs, data.training());
            out.put("output", ry.values(), ry.shape());
            for (StateEntry e : data.layout()) {
                if (e.kind() == StateEntry.Kind.COUNT) {
                    // torch's module increments num_batches_tracked once per training-mode forward
                    out.put("buffer/" + e.key(), new double[] {data.state().get(e.key())[0] + (data.training() ? 1 : 0)},
                            e.shape());
                } else if (!e.isParameter()) {
                    out.put("buffer/" + e.key(), rs.get(e.key()).values(), e.shape());
                }
            }
            if (data.backward()) {
                torch.backward(ry, data.cotangent(LayerRun.numel(ry.shape())));
                out.put("grad/input", rx.gradient(), data.inputShape());
                for (StateEntry e : data.layout()) {
                    if (e.isParameter()) {
                        out.put("grad/" + e.key(), rs.get(e.key()).gradient(), e.shape());
                    }
                }
            }
        }
        return out;
    }

}
