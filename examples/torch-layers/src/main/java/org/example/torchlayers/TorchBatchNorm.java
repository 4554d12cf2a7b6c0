package org.example.torchlayers;

import dev.resnettck.nn.BatchNorm2dOptions;
import dev.resnettck.nn.Module;
import dev.resnettck.nn.Parameter;
import dev.resnettck.reference.Precision;
import dev.resnettck.reference.RefVar;
import dev.resnettck.reference.TorchSession;
import dev.resnettck.tensor.Shapes;
import dev.resnettck.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/** BatchNorm2d on torch's batch_norm; the module keeps the buffers, as torch.nn.BatchNorm2d does. */
final class TorchBatchNorm implements Module {
    private final Precision precision;
    private final BatchNorm2dOptions options;
    private final Map<String, Parameter> params = new LinkedHashMap<>();
    private final Map<String, Tensor> buffers = new LinkedHashMap<>();
    private boolean training = true;
    private boolean lastTraining;
    private Tensor input;

    TorchBatchNorm(Precision precision, BatchNorm2dOptions options) {
        this.precision = precision;
        this.options = options;
        int c = options.numFeatures();
        params.put("weight", Parameter.filled(1f, c));
        params.put("bias", Parameter.zeros(c));
        buffers.put("running_mean", Tensor.zeros(c));
        buffers.put("running_var", Parameter.filled(1f, c).value());
        buffers.put("num_batches_tracked", Tensor.scalar(0));
    }

    private TorchCall.Function function(boolean train, Map<String, Tensor> stats) {
        return (torch, x, p) -> torch.batchNorm2d(x, p.get("weight"), p.get("bias"),
                TorchCall.constant(torch, stats.get("running_mean")), TorchCall.constant(torch, stats.get("running_var")),
                options.momentum(), options.eps(), train);
    }

    @Override
    public Tensor forward(Tensor x) {
        Shapes.requireRank(x, 4, "BatchNorm2d", "(N, C, H, W)");
        if (x.size(1) != options.numFeatures()) {
            throw new IllegalArgumentException("BatchNorm2d: input has " + x.size(1) + " channels, num_features is "
                    + options.numFeatures());
        }
        input = x.contiguous();
        lastTraining = training;
        try (TorchSession torch = TorchSession.forward(precision)) {
            RefVar mean = TorchCall.constant(torch, buffers.get("running_mean"));
            RefVar var = TorchCall.constant(torch, buffers.get("running_var"));
            RefVar y = torch.batchNorm2d(TorchCall.constant(torch, input), TorchCall.constants(torch, params).get("weight"),
                    TorchCall.constants(torch, params).get("bias"), mean, var, options.momentum(), options.eps(), training);
            Tensor out = TorchCall.tensor(y.values(), y.shape());
            if (training) {
                copy(mean.values(), buffers.get("running_mean"));
                copy(var.values(), buffers.get("running_var"));
                buffers.get("num_batches_tracked").data()[0] += 1;
            }
            return out;
        }
    }

    @Override
    public Tensor backward(Tensor gradOutput) {
        Map<String, Tensor> scratch = new LinkedHashMap<>();
        buffers.forEach((k, v) -> scratch.put(k, v.copy()));
        return TorchCall.backward(precision, function(lastTraining, scratch), input, params, gradOutput);
    }

    private static void copy(double[] from, Tensor to) {
        float[] d = to.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) from[i];
        }
    }

    @Override
    public Map<String, Parameter> parameters() {
        return params;
    }

    @Override
    public Map<String, Tensor> buffers() {
        return buffers;
    }

    @Override
    public void train(boolean mode) {
        this.training = mode;
    }
}
