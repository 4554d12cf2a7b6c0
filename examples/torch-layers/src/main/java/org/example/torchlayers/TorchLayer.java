package org.example.torchlayers;

import dev.resnettck.nn.Module;
import dev.resnettck.nn.Parameter;
import dev.resnettck.reference.Precision;
import dev.resnettck.tensor.Tensor;
import java.util.Map;

/** A stateless-in-its-computation layer (conv, linear, relu, pools): parameters plus a torch function. */
final class TorchLayer implements Module {
    private final Precision precision;
    private final TorchCall.Function function;
    private final Map<String, Parameter> params;
    private Tensor input;

    TorchLayer(Precision precision, TorchCall.Function function, Map<String, Parameter> params) {
        this.precision = precision;
        this.function = function;
        this.params = params;
    }

    @Override
    public Tensor forward(Tensor x) {
        input = x.contiguous();
        return TorchCall.forward(precision, function, input, params);
    }

    @Override
    public Tensor backward(Tensor gradOutput) {
        if (input == null) {
            throw new IllegalStateException("backward called before forward");
        }
        return TorchCall.backward(precision, function, input, params, gradOutput);
    }

    @Override
    public Map<String, Parameter> parameters() {
        return params;
    }
}
