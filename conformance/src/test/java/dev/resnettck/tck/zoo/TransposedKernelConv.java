package dev.resnettck.tck.zoo;

import dev.resnettck.kernels.ConvGeometry;
import dev.resnettck.kernels.ConvKernels;
import dev.resnettck.kernels.plain.PlainConv;
import dev.resnettck.tensor.Tensor;

/** Planted fault: the kernel's rows and columns swapped (a classic layout mix-up). */
public final class TransposedKernelConv implements ConvKernels {
    private final PlainConv plain = new PlainConv();

    @Override
    public Tensor forward(Tensor input, Tensor weight, Tensor bias, ConvGeometry g) {
        if (g.kh() != g.kw()) {
            return plain.forward(input, weight, bias, g);
        }
        return plain.forward(input, weight.permute(0, 1, 3, 2), bias, g);
    }

    @Override
    public Tensor backwardInput(Tensor gradOutput, Tensor weight, ConvGeometry g) {
        return plain.backwardInput(gradOutput, weight, g);
    }

    @Override
    public Tensor backwardWeight(Tensor gradOutput, Tensor input, ConvGeometry g) {
        return plain.backwardWeight(gradOutput, input, g);
    }
}
