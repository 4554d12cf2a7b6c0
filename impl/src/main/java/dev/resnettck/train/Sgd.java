package dev.resnettck.train;

import dev.resnettck.nn.Parameter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code torch.optim.SGD(params, lr, momentum, dampening=0, weight_decay, nesterov=False)}:
 * {@code d = g + wd * p; buf = d (first step) else momentum * buf + d; p -= lr * buf}. Each update is
 * computed in double and stored in float32, as torch stores its parameters and buffers.
 */
public final class Sgd implements Optimizer {
    private final Map<String, Parameter> params;
    private final Map<String, float[]> buffers = new LinkedHashMap<>();
    private double lr;
    private double momentum;
    private final double weightDecay;

    public Sgd(Map<String, Parameter> params, double lr, double momentum, double weightDecay) {
        if (lr < 0 || momentum < 0 || weightDecay < 0) {
            throw new IllegalArgumentException("SGD: lr " + lr + ", momentum " + momentum + " and weight_decay "
                    + weightDecay + " must be non-negative");
        }
        this.params = params;
        this.lr = lr;
        this.momentum = momentum;
        this.weightDecay = weightDecay;
    }

    @Override
    public void step() {
        for (Map.Entry<String, Parameter> e : params.entrySet()) {
            Parameter p = e.getValue();
            if (!p.requiresGrad()) {
                continue;
            }
            float[] w = p.value().data();
            float[] g = p.grad().data();
            float[] buf = momentum == 0 ? null : buffers.get(e.getKey());
            boolean first = momentum != 0 && buf == null;
            if (first) {
                buf = new float[w.length];
                buffers.put(e.getKey(), buf);
            }
            for (int i = 0; i < w.length; i++) {
                double d = g[i] + weightDecay * w[i];
                if (buf != null) {
                    buf[i] = (float) (first ? d : momentum * buf[i] + d);
                    d = buf[i];
                }
                w[i] = (float) (w[i] - lr * d);
            }
        }
    }

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
        return momentum;
    }

    @Override
    public void momentum(double momentum) {
        this.momentum = momentum;
    }

    @Override
    public Map<String, float[]> state() {
        Map<String, float[]> s = new LinkedHashMap<>();
        buffers.forEach((k, v) -> s.put(k + ".momentum_buffer", v.clone()));
        return s;
    }

    @Override
    public void load(Map<String, float[]> state) {
        buffers.clear();
        state.forEach((k, v) -> buffers.put(k.substring(0, k.length() - ".momentum_buffer".length()), v.clone()));
    }
}
