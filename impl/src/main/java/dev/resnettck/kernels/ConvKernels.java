package dev.resnettck.kernels;

import dev.resnettck.tensor.Tensor;

/**
 * The three passes of a 2-d convolution. Inputs may be any strided view; outputs are dense: compact,
 * or channels-last ({@link Tensor#channelsLast}) where the kernels keep activations that way.
 * Every sum is accumulated in double precision and rounded to float once.
 */
public interface ConvKernels {

    /** {@code out (n, oc, oh, ow) = conv(input (n, c, h, w), weight (oc, c, kh, kw)) + bias (oc) or none}. */
    Tensor forward(Tensor input, Tensor weight, Tensor bias, ConvGeometry g);

    /** Inference: the forward pass with {@code then} applied to every output (kernels may fuse it into the pass). */
    default Tensor forward(Tensor input, Tensor weight, Tensor bias, ConvGeometry g, Epilogue then) {
        return then.applyTo(forward(input, weight, bias, g));
    }

    /** Gradient with respect to the input, shape (n, c, h, w). */
    Tensor backwardInput(Tensor gradOutput, Tensor weight, ConvGeometry g);

    /**
     * Gradient with respect to the weight, shape (oc, c, kh, kw): a new tensor on a new array each call, which
     * the caller owns ({@code Conv2d} hands it to the weight as its gradient, uncopied).
     */
    Tensor backwardWeight(Tensor gradOutput, Tensor input, ConvGeometry g);

    /**
     * The weight gradient written into {@code into} (oc * c * kh * kw floats, every one overwritten; a
     * parameter's gradient array that was zeroed, which the caller reuses instead of taking a new one) where
     * these kernels can, returning true; false, with nothing written, where they cannot (the default).
     */
    default boolean backwardWeight(Tensor gradOutput, Tensor input, ConvGeometry g, float[] into) {
        return false;
    }
}
