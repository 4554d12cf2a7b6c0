package dev.resnettck.kernels.plain;

import dev.resnettck.kernels.ConvGeometry;
import dev.resnettck.kernels.ConvKernels;
import dev.resnettck.nn.Size2;
import dev.resnettck.tensor.Shapes;
import dev.resnettck.tensor.Tensor;

/**
 * The plain, obviously-correct convolution: the zero-padded input is viewed, without copying, as a
 * tensor of receptive fields of shape {@code (n, c, oh, ow, kh, kw)} with {@code asStrided}, and
 * that view is contracted with the weight over {@code (c, kh, kw)}. Backward walks the same view.
 * Sums are accumulated in double and rounded once. Slow on purpose: it is the yardstick.
 */
public final class PlainConv implements ConvKernels {

    /** Functional form: {@code conv2d(input, weight, bias, stride, padding)} with int or pair arguments. */
    public static Tensor conv2d(Tensor input, Tensor weight, Tensor bias, Size2 stride, Size2 padding) {
        return new PlainConv().forward(input, weight, bias, ConvGeometry.of(input.shape(), weight.shape(), stride, padding));
    }

    public static Tensor conv2d(Tensor input, Tensor weight, Tensor bias, int stride, int padding) {
        return conv2d(input, weight, bias, Size2.of(stride), Size2.of(padding));
    }

    @Override
    public Tensor forward(Tensor input, Tensor weight, Tensor bias, ConvGeometry g) {
        Tensor fields = receptiveFields(PlainOps.pad2d(input, g.ph(), g.pw(), 0f), g);
        float[] fs = fields.storage();
        int[] st = fields.strides();
        int base = fields.offset();
        Tensor w = weight.contiguous();
        float[] ws = w.storage();
        float[] b = bias == null ? null : bias.contiguous().storage();
        float[] out = new float[g.n() * g.oc() * g.oh() * g.ow()];
        int o = 0;
        for (int n = 0; n < g.n(); n++) {
            for (int oc = 0; oc < g.oc(); oc++) {
                for (int y = 0; y < g.oh(); y++) {
                    for (int x = 0; x < g.ow(); x++) {
                        double sum = b == null ? 0 : b[oc];
                        int wi = oc * g.c() * g.kh() * g.kw();
                        for (int c = 0; c < g.c(); c++) {
                            for (int i = 0; i < g.kh(); i++) {
                                for (int j = 0; j < g.kw(); j++) {
                                    int at = base + n * st[0] + c * st[1] + y * st[2] + x * st[3] + i * st[4] + j * st[5];
                                    sum += (double) fs[at] * ws[wi++];
                                }
                            }
                        }
                        out[o++] = (float) sum;
                    }
                }
            }
        }
        return Tensor.of(out, g.outputShape());
    }

    @Override
    public Tensor backwardInput(Tensor gradOutput, Tensor weight, ConvGeometry g) {
        // Scatter every output gradient back through the receptive-field view of the padded input.
        int ph = g.h() + 2 * g.ph();
        int pw = g.w() + 2 * g.pw();
        double[] gradPadded = new double[g.n() * g.c() * ph * pw];
        int[] st = fieldStrides(Shapes.contiguousStrides(new int[] {g.n(), g.c(), ph, pw}), g);
        float[] go = gradOutput.contiguous().storage();
        float[] ws = weight.contiguous().storage();
        int o = 0;
        for (int n = 0; n < g.n(); n++) {
            for (int oc = 0; oc < g.oc(); oc++) {
                for (int y = 0; y < g.oh(); y++) {
                    for (int x = 0; x < g.ow(); x++) {
                        double gradient = go[o++];
                        int wi = oc * g.c() * g.kh() * g.kw();
                        for (int c = 0; c < g.c(); c++) {
                            for (int i = 0; i < g.kh(); i++) {
                                for (int j = 0; j < g.kw(); j++) {
                                    int at = n * st[0] + c * st[1] + y * st[2] + x * st[3] + i * st[4] + j * st[5];
                                    gradPadded[at] += gradient * ws[wi++];
                                }
                            }
                        }
                    }
                }
            }
        }
        float[] grad = new float[g.n() * g.c() * g.h() * g.w()];
        int k = 0;
        for (int n = 0; n < g.n(); n++) {
            for (int c = 0; c < g.c(); c++) {
                for (int y = 0; y < g.h(); y++) {
                    for (int x = 0; x < g.w(); x++) {
                        grad[k++] = (float) gradPadded[((n * g.c() + c) * ph + y + g.ph()) * pw + x + g.pw()];
                    }
                }
            }
        }
        return Tensor.of(grad, g.inputShape());
    }

    @Override
    public Tensor backwardWeight(Tensor gradOutput, Tensor input, ConvGeometry g) {
        Tensor fields = receptiveFields(PlainOps.pad2d(input, g.ph(), g.pw(), 0f), g);
        float[] fs = fields.storage();
        int[] st = fields.strides();
        int base = fields.offset();
        float[] go = gradOutput.contiguous().storage();
        float[] grad = new float[g.oc() * g.c() * g.kh() * g.kw()];
        int wi = 0;
        for (int oc = 0; oc < g.oc(); oc++) {
            for (int c = 0; c < g.c(); c++) {
                for (int i = 0; i < g.kh(); i++) {
                    for (int j = 0; j < g.kw(); j++) {
                        double sum = 0;
                        for (int n = 0; n < g.n(); n++) {
                            int gi = (n * g.oc() + oc) * g.oh() * g.ow();
                            for (int y = 0; y < g.oh(); y++) {
                                for (int x = 0; x < g.ow(); x++) {
                                    int at = base + n * st[0] + c * st[1] + y * st[2] + x * st[3] + i * st[4] + j * st[5];
                                    sum += (double) go[gi++] * fs[at];
                                }
                            }
                        }
                        grad[wi++] = (float) sum;
                    }
                }
            }
        }
        return Tensor.of(grad, g.weightShape());
    }

    /**
     * The seed's central idea: a padded input (n, c, H, W) seen as (n, c, oh, ow, kh, kw), where
     * element (b, c, y, x, i, j) is padded[b, c, y*sh + i, x*sw + j]. No data moves.
     */
    static Tensor receptiveFields(Tensor padded, ConvGeometry g) {
        return padded.asStrided(new int[] {g.n(), g.c(), g.oh(), g.ow(), g.kh(), g.kw()},
                fieldStrides(padded.strides(), g));
    }

    private static int[] fieldStrides(int[] s, ConvGeometry g) {
        return new int[] {s[0], s[1], s[2] * g.sh(), s[3] * g.sw(), s[2], s[3]};
    }
}
