package dev.resnettck.nn;

import dev.resnettck.tensor.Tensor;

/**
 * A classification loss over (n, classes) logits and n class indices, reduced by the mean:
 * {@code torch.nn.CrossEntropyLoss()}.
 */
public interface Loss {

    /** The mean loss of the batch; remembers what {@link #backward()} needs. */
    double forward(Tensor logits, int[] targets);

    /** The gradient of the mean loss with respect to the logits of the last forward call. */
    Tensor backward();
}
