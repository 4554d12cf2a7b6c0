package dev.resnettck.train;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Adam's element-wise update in double, on double vectors: the same operations in the same order
 * as the scalar loop (no fused multiply-add; IEEE division and square root are correctly rounded
 * in both), so the vectorised update is bit-identical to the scalar one, which handles the tail.
 */
final class AdamUpdate {
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Float> F = VectorSpecies.of(float.class,
            VectorShape.forBitSize(D.vectorBitSize() / 2));

    private AdamUpdate() {
    }

    static void apply(float[] w, float[] g, float[] m, float[] v, int from, int to, double beta1, double beta2,
                      double eps, double weightDecay, double bias2Sqrt, double stepSize) {
        int i = from;
        for (; i + D.length() <= to; i += D.length()) {
            DoubleVector wv = wide(w, i);
            DoubleVector grad = wide(g, i).add(wv.mul(weightDecay));
            DoubleVector mv = wide(m, i);
            FloatVector mNew = narrow(mv.add(grad.sub(mv).mul(1 - beta1)));
            FloatVector vNew = narrow(wide(v, i).mul(beta2).add(grad.mul(1 - beta2).mul(grad)));
            mNew.intoArray(m, i);
            vNew.intoArray(v, i);
            DoubleVector denom = wide(vNew).sqrt().div(bias2Sqrt).add(eps);
            narrow(wv.sub(wide(mNew).mul(stepSize).div(denom))).intoArray(w, i);
        }
        for (; i < to; i++) {
            double grad = g[i] + weightDecay * w[i];
            m[i] = (float) (m[i] + (1 - beta1) * (grad - m[i]));
            v[i] = (float) (beta2 * v[i] + (1 - beta2) * grad * grad);
            double denom = Math.sqrt(v[i]) / bias2Sqrt + eps;
            w[i] = (float) (w[i] - stepSize * m[i] / denom);
        }
    }

    private static DoubleVector wide(float[] a, int i) {
        return wide(FloatVector.fromArray(F, a, i));
    }

    private static DoubleVector wide(FloatVector f) {
        return (DoubleVector) f.convertShape(VectorOperators.F2D, D, 0);
    }

    private static FloatVector narrow(DoubleVector d) {
        return (FloatVector) d.convertShape(VectorOperators.D2F, F, 0);
    }
}
