package dev.resnettck.train;

import dev.resnettck.nn.Parameter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code torch.optim.Adam(params, lr, betas, eps, weight_decay)} (amsgrad False), torch's
 * single-tensor update per parameter with its own step count:
 * {@code g += wd * p; m = lerp(m, g, 1 - beta1); v = beta2 * v + (1 - beta2) * g^2;
 * p -= lr / (1 - beta1^t) * m / (sqrt(v) / sqrt(1 - beta2^t) + eps)}, with the current beta1 (which
 * OneCycleLR cycles). Computed in double, stored in float32.
 */
public final class Adam implements Optimizer {
    private final Map<String, Parameter> params;
    private final Map<String, float[]> expAvg = new LinkedHashMap<>();
    private final Map<String, float[]> expAvgSq = new LinkedHashMap<>();
    private final Map<String, Integer> steps = new LinkedHashMap<>();
    private double lr;
    private double beta1;
    private final double beta2;
    private final double eps;
    private final double weightDecay;

    public Adam(Map<String, Parameter> params, double lr, double beta1, double beta2, double eps, double weightDecay) {
        if (!(lr >= 0) || !(eps >= 0) || !(weightDecay >= 0)) {
            throw new IllegalArgumentException("Adam: lr " + lr + ", eps " + eps + " and weight_decay " + weightDecay
                    + " must be non-negative");
        }
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("Adam: betas (" + beta1 + ", " + beta2 + ") must be in [0, 1)");
        }
        this.params = params;
        this.lr = lr;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
    }

    /** torch's defaults: betas (0.9, 0.999), eps 1e-8, no weight decay. */
    public static Adam withDefaults(Map<String, Parameter> params, double lr) {
        return new Adam(params, lr, 0.9, 0.999, 1e-8, 0);
    }

    @Override
    public void step() {
        for (Map.Entry<String, Parameter> e : params.entrySet()) {
            Parameter p = e.getValue();
            if (!p.requiresGrad()) {
                continue;
            }
            String key = e.getKey();
            float[] w = p.value().data();
            float[] g = p.grad().data();
            float[] m = expAvg.computeIfAbsent(key, k -> new float[w.length]);
            float[] v = expAvgSq.computeIfAbsent(key, k -> new float[w.length]);
            int t = steps.merge(key, 1, Integer::sum);
            double bias1 = 1 - Math.pow(beta1, t);
            double bias2Sqrt = Math.sqrt(1 - Math.pow(beta2, t));
            double stepSize = lr / bias1;
            double b1 = beta1;
            // element-wise, so chunks on the kernels' pool give the same bits as one loop
            dev.resnettck.kernels.fast.Parallel.forRanges(w.length, CHUNK, (from, to) -> AdamUpdate.apply(w, g, m, v,
                    from, to, b1, beta2, eps, weightDecay, bias2Sqrt, stepSize));
        }
    }

    private static final int CHUNK = 1 << 15;

    @Override
    public void zeroGrad() {
        params.values().forEach(Parameter::zeroGrad);
    }

    @Override
    public double lr() {
        return lr;
    }

    @Override
    public void lr(double lr) {
        this.lr = lr;
    }

    @Override
    public double momentum() {
        return beta1;
    }

    @Override
    public void momentum(double beta1) {
        this.beta1 = beta1;
    }

    @Override
    public Map<String, float[]> state() {
        Map<String, float[]> s = new LinkedHashMap<>();
        expAvg.forEach((k, v) -> s.put(k + ".exp_avg", v.clone()));
        expAvgSq.forEach((k, v) -> s.put(k + ".exp_avg_sq", v.clone()));
        steps.forEach((k, v) -> s.put(k + ".step", new float[] {v}));
        return s;
    }

    @Override
    public void load(Map<String, float[]> state) {
        expAvg.clear();
        expAvgSq.clear();
        steps.clear();
        state.forEach((k, v) -> {
            if (k.endsWith(".exp_avg")) {
                expAvg.put(k.substring(0, k.length() - 8), v.clone());
            } else if (k.endsWith(".exp_avg_sq")) {
                expAvgSq.put(k.substring(0, k.length() - 11), v.clone());
            } else if (k.endsWith(".step")) {
                steps.put(k.substring(0, k.length() - 5), (int) v[0]);
            }
        });
    }
}
