package dev.resnettck.tck.zoo;

import dev.resnettck.kernels.ConvGeometry;
import dev.resnettck.kernels.ConvKernels;
import dev.resnettck.kernels.plain.PlainConv;
import dev.resnettck.tensor.Tensor;

/**
 * Planted fault: one row and column too much padding on the top and left, with the output cropped
 * back to the right size, so shapes agree and only values are wrong.
 */
public final class OffByOnePaddingConv implements ConvKernels {
    private final PlainConv plain = new PlainConv();

    @Override
    public Tensor forward(Tensor input, Tensor weight, Tensor bias, ConvGeometry g) {
        ConvGeometry wider = new ConvGeometry(g.n(), g.c(), g.h(), g.w(), g.oc(), g.kh(), g.kw(), g.sh(), g.sw(),
                g.ph() + 1, g.pw() + 1, (g.h() + 2 * g.ph() + 2 - g.kh()) / g.sh() + 1,
                (g.w() + 2 * g.pw() + 2 - g.kw()) / g.sw() + 1);
        Tensor out = plain.forward(input, weight, bias, wider);
        int[] s = out.strides();
        return out.asStrided(g.outputShape(), s).contiguous();
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
