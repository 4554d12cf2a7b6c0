package org.example.torchlayers;

import dev.resnettck.nn.Parameter;
import dev.resnettck.reference.Precision;
import dev.resnettck.reference.RefVar;
import dev.resnettck.reference.TorchSession;
import dev.resnettck.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs one layer's function on libtorch in the implementation's precision (float64, rounded to float32
 * once; or torch's own float32); backward by
 * recomputing the forward under torch's autograd and backpropagating the cotangent.
 */
final class TorchCall {
    /** The layer's computation, as torch.nn.functional would write it. */
    @FunctionalInterface
    interface Function {
        RefVar apply(TorchSession torch, RefVar input, Map<String, RefVar> params);
    }

    private TorchCall() {
    }

    static Tensor forward(Precision precision, Function f, Tensor input, Map<String, Parameter> params) {
        try (TorchSession torch = TorchSession.forward(precision)) {
            RefVar y = f.apply(torch, constant(torch, input), constants(torch, params));
            return tensor(y.values(), y.shape());
        }
    }

    /** Returns the input gradient; adds parameter gradients into each parameter that requires one. */
    static Tensor backward(Precision precision, Function f, Tensor input, Map<String, Parameter> params,
                           Tensor gradOutput) {
        try (TorchSession torch = TorchSession.withGradients(precision)) {
            Tensor x = input.contiguous();
            RefVar rx = torch.variable(x.data(), x.shape());
            Map<String, RefVar> rp = new LinkedHashMap<>();
            params.forEach((k, p) -> rp.put(k, torch.variable(p.value().data(), p.shape())));
            RefVar y = f.apply(torch, rx, rp);
            torch.backward(y, gradOutput.contiguous().data());
            params.forEach((k, p) -> {
                double[] g = rp.get(k).gradient();
                float[] delta = new float[g.length];
                for (int i = 0; i < g.length; i++) {
                    delta[i] = (float) g[i];
                }
                p.accumulateGrad(delta);
            });
            return tensor(rx.gradient(), x.shape());
        }
    }

    static RefVar constant(TorchSession torch, Tensor t) {
        Tensor c = t.contiguous();
        return torch.constant(c.data(), c.shape());
    }

    static Map<String, RefVar> constants(TorchSession torch, Map<String, Parameter> params) {
        Map<String, RefVar> out = new LinkedHashMap<>();
        params.forEach((k, p) -> out.put(k, torch.constant(p.value().data(), p.shape())));
        return out;
    }

    static Tensor tensor(double[] values, int[] shape) {
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) values[i];
        }
        return Tensor.of(f, shape);
    }
}
