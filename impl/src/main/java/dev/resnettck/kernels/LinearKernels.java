package dev.resnettck.kernels;

import dev.resnettck.tensor.Tensor;

/**
 * {@code y (rows, out) = x (rows, in) * weight (out, in)^T + bias (out)}, where rows is the product
 * of the leading dimensions. Sums are accumulated in double and rounded once.
 */
public interface LinearKernels {

    Tensor forward(Tensor x, Tensor weight, Tensor bias);

    /** {@code dx (rows, in) = dy (rows, out) * weight (out, in)}. */
    Tensor backwardInput(Tensor gradOutput, Tensor weight);

    /** {@code dweight (out, in) = dy^T (out, rows) * x (rows, in)}. */
    Tensor backwardWeight(Tensor gradOutput, Tensor x);
}
