package dev.resnettck.kernels;

import dev.resnettck.tensor.Tensor;

/**
 * Max pooling and global average pooling over (n, c, h, w) inputs of any layout (compact,
 * channels-last or a strided view); outputs are dense. The argmax a max pool fills is for the same
 * kernels' backward only, in whatever order they choose.
 */
public interface PoolKernels {

    /**
     * Max pooling with -inf padding, output (n, c, oh, ow) with {@code oh = (h + 2*ph - kh) / sh + 1}.
     * {@code argmaxOut} (one int per output element) receives the flat h*w index inside the input
     * plane of the maximum chosen; among tied maxima, the first in row-major window order (torch's
     * choice), and a NaN wins over any number.
     */
    Tensor maxPoolForward(Tensor x, PoolGeometry g, int[] argmaxOut);

    /** Routes each output gradient to the input element its argmax names. */
    Tensor maxPoolBackward(Tensor gradOutput, PoolGeometry g, int[] argmax);

    /** Mean over h and w: output (n, c, 1, 1). */
    Tensor globalAvgPoolForward(Tensor x);

    /** Spreads each gradient evenly over its h*w plane: output (n, c, h, w). */
    Tensor globalAvgPoolBackward(Tensor gradOutput, int h, int w);
}
