package dev.resnettck.nn;

import dev.resnettck.tensor.Tensor;
import java.util.List;

/**
 * A module that, in inference ({@link GradMode} off), can take the modules right after it in a
 * {@link Sequential} into its own pass: a convolution applying the batch norm and ReLU after it as
 * it writes its output. The result must be exactly what running them one after another gives.
 */
public interface FusesInInference extends Module {

    /** How many of {@code following}, from the first, this module can apply itself; 0 for none. */
    int fusable(List<Module> following);

    /** {@code forward(x)} followed by the first {@code count} of {@code following}, each in turn. */
    Tensor forwardFused(Tensor x, List<Module> following, int count);

    /**
     * As {@link #forwardFused(Tensor, List, int)}, then {@code residual} added and ReLU applied (a
     * residual block's last steps), in the same pass.
     */
    Tensor forwardFused(Tensor x, List<Module> following, int count, Tensor residual);
}
