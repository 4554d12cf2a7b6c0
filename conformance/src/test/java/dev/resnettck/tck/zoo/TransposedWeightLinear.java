package dev.resnettck.tck.zoo;

import dev.resnettck.kernels.LinearKernels;
import dev.resnettck.kernels.plain.PlainLinear;
import dev.resnettck.tensor.Tensor;

/** Planted fault: the (out, in) weight storage read as (in, out), i.e. {@code x W} instead of {@code x W^T}. */
final class TransposedWeightLinear implements LinearKernels {
    private final PlainLinear plain = new PlainLinear();

    private static Tensor misread(Tensor weight) {
        return weight.reshape(weight.size(1), weight.size(0)).permute(1, 0).contiguous();
    }

    @Override
    public Tensor forward(Tensor x, Tensor weight, Tensor bias) {
        return plain.forward(x, misread(weight), bias);
    }

    @Override
    public Tensor backwardInput(Tensor gradOutput, Tensor weight) {
        return plain.backwardInput(gradOutput, misread(weight));
    }

    @Override
    public Tensor backwardWeight(Tensor gradOutput, Tensor x) {
        return plain.backwardWeight(gradOutput, x);
    }
}
