package dev.resnettck.nn;

import dev.resnettck.tensor.Tensor;

/** {@code torch.nn.Identity}. */
public final class Identity implements Module {

    @Override
    public Tensor forward(Tensor input) {
        return input;
    }

    @Override
    public Tensor backward(Tensor gradOutput) {
        return gradOutput;
    }
}
