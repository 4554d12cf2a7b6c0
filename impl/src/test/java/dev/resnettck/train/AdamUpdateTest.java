package dev.resnettck.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The vectorised Adam update gives the scalar loop's bits, weight decay and a ragged tail included. */
class AdamUpdateTest {

    @Test
    void vectorAndScalarUpdatesAreBitIdentical() {
        SplittableRandom r = new SplittableRandom(3);
        int n = 1000 + 13;
        float[] w = random(r, n, 1);
        float[] g = random(r, n, 1e-2);
        float[] m = random(r, n, 1e-3);
        float[] v = random(r, n, 1e-6);
        for (int i = 0; i < n; i++) {
            v[i] = Math.abs(v[i]);
        }
        float[] w2 = w.clone();
        float[] m2 = m.clone();
        float[] v2 = v.clone();
        double bias2Sqrt = Math.sqrt(1 - Math.pow(0.999, 3));
        double stepSize = 1e-3 / (1 - Math.pow(0.9, 3));
        AdamUpdate.apply(w, g, m, v, 0, n, 0.9, 0.999, 1e-8, 5e-4, bias2Sqrt, stepSize);
        for (int i = 0; i < n; i++) {
            double grad = g[i] + 5e-4 * w2[i];
            m2[i] = (float) (m2[i] + (1 - 0.9) * (grad - m2[i]));
            v2[i] = (float) (0.999 * v2[i] + (1 - 0.999) * grad * grad);
            double denom = Math.sqrt(v2[i]) / bias2Sqrt + 1e-8;
            w2[i] = (float) (w2[i] - stepSize * m2[i] / denom);
        }
        assertArrayEquals(m2, m, "exp_avg");
        assertArrayEquals(v2, v, "exp_avg_sq");
        assertArrayEquals(w2, w, "weights");
    }

    private static float[] random(SplittableRandom r, int n, double scale) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) ((r.nextDouble() * 2 - 1) * scale);
        }
        return a;
    }
}
