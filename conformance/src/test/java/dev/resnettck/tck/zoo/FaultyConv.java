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
    /**
     * A float32 convolution that rounds toward zero (chops) after every multiply-add instead of to
     * nearest. Each step errs by under one ulp, like a correct float32 sum, but always the same way:
     * the error grows like n ulps instead of about sqrt(n), beyond what float32 arithmetic makes.
     */
    CHOPPED_ACCUMULATION {
        @Override
        public Tensor forward(Tensor input, Tensor weight, Tensor bias, ConvGeometry g) {
            float[] x = input.contiguous().data();
            float[] w = weight.contiguous().data();
            float[] b = bias == null ? null : bias.contiguous().data();
            float[] y = new float[g.n() * g.oc() * g.oh() * g.ow()];
            int i = 0;
            for (int n = 0; n < g.n(); n++) {
                for (int oc = 0; oc < g.oc(); oc++) {
                    for (int oy = 0; oy < g.oh(); oy++) {
                        for (int ox = 0; ox < g.ow(); ox++) {
                            float acc = b == null ? 0 : b[oc];
                            for (int c = 0; c < g.c(); c++) {
                                for (int ky = 0; ky < g.kh(); ky++) {
                                    int iy = oy * g.sh() - g.ph() + ky;
                                    for (int kx = 0; kx < g.kw(); kx++) {
                                        int ix = ox * g.sw() - g.pw() + kx;
                                        if (iy >= 0 && iy < g.h() && ix >= 0 && ix < g.w()) {
                                            acc = chop((double) acc + (double) x[((n * g.c() + c) * g.h() + iy) * g.w() + ix]
                                                    * w[((oc * g.c() + c) * g.kh() + ky) * g.kw() + kx]);
                                        }
                                    }
                                }
                            }
                            y[i++] = acc;
                        }
                    }
                }
            }
            return Tensor.of(y, g.outputShape());
        }

        /** The exact sum rounded toward zero to float32. */
        private static float chop(double exact) {
            float f = (float) exact;
            return Math.abs(f) > Math.abs(exact) ? Math.nextAfter(f, 0.0) : f;
        }
    },
    /** Every output 3e-5 too large (relative): a systematic scale error, thirty times float32's rounding. */
    OUTPUT_SCALED {
        @Override
        public Tensor forward(Tensor input, Tensor weight, Tensor bias, ConvGeometry g) {
            float[] y = PLAIN.forward(input, weight, bias, g).data();
            for (int i = 0; i < y.length; i++) {
                y[i] = (float) (y[i] * (1 + 3e-5));
            }
            return Tensor.of(y, g.outputShape());
        }
    },
    /**
     * The weight gradient 1e-4 too large (relative): small beside the gate model's float32 gradient
     * noise, and no pattern of ReLU kink flips, which the step rules fit before they compare.
     */
    WEIGHT_GRADIENT_SCALED {
        @Override
        public Tensor backwardWeight(Tensor gradOutput, Tensor input, ConvGeometry g) {
            float[] d = PLAIN.backwardWeight(gradOutput, input, g).data();
            for (int i = 0; i < d.length; i++) {
                d[i] = (float) (d[i] * (1 + 1e-4));
            }
            return Tensor.of(d, g.weightShape());
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
