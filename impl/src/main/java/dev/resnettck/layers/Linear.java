package dev.resnettck.layers;

import dev.resnettck.kernels.LinearKernels;
import dev.resnettck.nn.LinearOptions;
import dev.resnettck.nn.GradMode;
import dev.resnettck.nn.Module;
import dev.resnettck.nn.Parameter;
import dev.resnettck.tensor.Shapes;
import dev.resnettck.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code torch.nn.Linear}: {@code y = x W^T + b}, weight (out, in), optional bias (out); input (*, in). */
public final class Linear implements Module {
    private final LinearOptions options;
    private final LinearKernels kernels;
    private final Parameter weight;
    private final Parameter bias;
    private Tensor input;

    public Linear(LinearOptions options, LinearKernels kernels) {
        this.options = options;
        this.kernels = kernels;
        this.weight = Parameter.zeros(options.outFeatures(), options.inFeatures());
        this.bias = options.bias() ? Parameter.zeros(options.outFeatures()) : null;
    }

    @Override
    public Tensor forward(Tensor x) {
        if (x.dim() < 1 || x.size(-1) != options.inFeatures()) {
            throw new IllegalArgumentException("Linear: input shape " + Shapes.format(x.shape())
                    + " does not end in in_features " + options.inFeatures());
        }
        Tensor compact = x.contiguous();
        input = GradMode.isEnabled() ? compact : null;
        return kernels.forward(compact, weight.value(), bias == null ? null : bias.value());
    }

    @Override
    public Tensor backward(Tensor gradOutput) {
        LayerState.requireForward(input, "Linear");
        Tensor dy = gradOutput.contiguous();
        if (weight.requiresGrad()) {
            weight.accumulateGrad(kernels.backwardWeight(dy, input).data());
        }
        if (bias != null && bias.requiresGrad()) {
            bias.accumulateGrad(columnSums(dy));
        }
        return kernels.backwardInput(dy, weight.value());
    }

    private static float[] columnSums(Tensor dy) {
        int cols = dy.size(-1);
        float[] g = dy.data();
        float[] sums = new float[cols];
        for (int c = 0; c < cols; c++) {
            double sum = 0;
            for (int i = c; i < g.length; i += cols) {
                sum += g[i];
            }
            sums[c] = (float) sum;
        }
        return sums;
    }

    @Override
    public Map<String, Parameter> parameters() {
        Map<String, Parameter> p = new LinkedHashMap<>();
        p.put("weight", weight);
        if (bias != null) {
            p.put("bias", bias);
        }
        return p;
    }
}
