package dev.resnettck.tck.zoo;

import dev.resnettck.kernels.ConvGeometry;
import dev.resnettck.kernels.ConvKernels;
import dev.resnettck.kernels.plain.PlainConv;
import dev.resnettck.tensor.Tensor;

/** The plain convolution with one planted fault. */
enum FaultyConv implements ConvKernels {
    /** The kernel's rows and columns swapped (a layout mix-up); square kernels only, others stay right. */
    TRANSPOSED_KERNEL {
        @Override
        public Tensor forward(Tensor input, Tensor weight, Tensor bias, ConvGeometry g) {
            return PLAIN.forward(input, g.kh() == g.kw() ? weight.permute(0, 1, 3, 2) : weight, bias, g);
        }
    },
    /** One more row and column of padding on the top and left, output cropped back: right shape, wrong values. */
    OFF_BY_ONE_PADDING {
        @Override
        public Tensor forward(Tensor input, Tensor weight, Tensor bias, ConvGeometry g) {
            ConvGeometry wider = new ConvGeometry(g.n(), g.c(), g.h(), g.w(), g.oc(), g.kh(), g.kw(), g.sh(), g.sw(),
                    g.ph() + 1, g.pw() + 1, (g.h() + 2 * g.ph() + 2 - g.kh()) / g.sh() + 1,
                    (g.w() + 2 * g.pw() + 2 - g.kw()) / g.sw() + 1);
            Tensor out = PLAIN.forward(input, weight, bias, wider);
            return out.asStrided(g.outputShape(), out.strides()).contiguous();
        }
    },
    /** The bias is never added. */
    IGNORES_BIAS {
        @Override
        public Tensor forward(Tensor input, Tensor weight, Tensor bias, ConvGeometry g) {
            return PLAIN.forward(input, weight, null, g);
        }
    },
    /** The weight gradient doubled. */
    WEIGHT_GRADIENT_TIMES_TWO {
        @Override
        public Tensor backwardWeight(Tensor gradOutput, Tensor input, ConvGeometry g) {
            float[] d = PLAIN.backwardWeight(gradOutput, input, g).data();
            for (int i = 0; i < d.length; i++) {
                d[i] *= 2;
            }
            return Tensor.of(d, g.weightShape());
        }
    };

    static final PlainConv PLAIN = new PlainConv();

    @Override
    public Tensor forward(Tensor input, Tensor weight, Tensor bias, ConvGeometry g) {
        return PLAIN.forward(input, weight, bias, g);
    }

    @Override
    public Tensor backwardInput(Tensor gradOutput, Tensor weight, ConvGeometry g) {
        return PLAIN.backwardInput(gradOutput, weight, g);
    }

    @Override
    public Tensor backwardWeight(Tensor gradOutput, Tensor input, ConvGeometry g) {
        return PLAIN.backwardWeight(gradOutput, input, g);
    }
}
