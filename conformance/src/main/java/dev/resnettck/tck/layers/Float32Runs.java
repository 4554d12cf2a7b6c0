package dev.resnettck.tck.layers;

import dev.resnettck.reference.Precision;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * The reference's float32 runs, checked before their noise is measured. A float32 run is rounding
 * of the oracle's case: it lies within a small share of each tensor's magnitude of the oracle. One
 * that does not (a NaN, or an error the size of the values) is a broken kernel, and measuring noise
 * from it would either tighten the bound to the strict level (a NaN is no bound) or widen it past
 * every fault. Measured 2026-12-04 on an AMD EPYC (Zen 5, AVX-512) virtual machine: libtorch 2.7.1's
 * oneDNN convolution gives NaN or input gradients off by half their scale for few-channel
 * convolutions (ic 3 or 4: {@code jit:avx512_core} and {@code jit:avx2} backward_data), and crashes
 * (SIGFPE in its 1x1 backward blocking) on one ResNet50 shape. Such a run is made again with
 * {@link Precision#FLOAT32_UNFOLDED}, another ordinary float32 convolution (im2col and a GEMM, no
 * libtorch convolution kernel), and the certificate says how often that happened.
 */
public final class Float32Runs {
    /** Further than this share of a tensor's largest oracle magnitude from the oracle is no rounding. */
    static final double IMPLAUSIBLE = 0x1p-7;
    private static final AtomicInteger REMADE = new AtomicInteger();
    private static final AtomicReference<String> FIRST = new AtomicReference<>();

    private Float32Runs() {
    }

    /** {@code run} at {@link Precision#FLOAT32}, or at {@link Precision#FLOAT32_UNFOLDED} when that is implausible. */
    static Outcome checked(Outcome oracle, String what, Function<Precision, Outcome> run) {
        Outcome native32 = run.apply(Precision.FLOAT32);
        String problem = problem(oracle, native32);
        if (problem == null) {
            return native32;
        }
        REMADE.incrementAndGet();
        FIRST.compareAndSet(null, what + ": " + problem);
        return run.apply(Precision.FLOAT32_UNFOLDED);
    }

    /** Why {@code run} cannot be float32 rounding of the oracle's case, or null when it can. */
    static String problem(Outcome oracle, Outcome run) {
        for (Map.Entry<String, double[]> e : oracle.values().entrySet()) {
            double[] o = e.getValue();
            double[] r = run.values().get(e.getKey());
            if (r == null || r.length != o.length) {
                continue;
            }
            double scale = 0;
            for (double v : o) {
                if (Double.isFinite(v)) {
                    scale = Math.max(scale, Math.abs(v));
                }
            }
            for (int i = 0; i < o.length; i++) {
                if (Double.isFinite(o[i]) && !(Math.abs(r[i] - o[i]) <= IMPLAUSIBLE * scale)) {
                    return e.getKey() + " element " + i + " is " + r[i] + " in float32 against " + o[i]
                            + " (the tensor's scale is " + scale + ")";
                }
            }
        }
        return null;
    }

    /** For certificates: how many float32 runs were made again unfolded in this JVM, and why the first was; null if none. */
    public static String summary() {
        int remade = REMADE.get();
        return remade == 0 ? null : remade + " float32 reference run(s) made again with unfolded convolutions, "
                + "libtorch's own being implausible; the first: " + FIRST.get();
    }
}
