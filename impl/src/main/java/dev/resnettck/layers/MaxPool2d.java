package dev.resnettck.layers;

import dev.resnettck.kernels.PoolGeometry;
import dev.resnettck.kernels.PoolKernels;
import dev.resnettck.nn.MaxPool2dOptions;
import dev.resnettck.nn.GradMode;
import dev.resnettck.nn.Module;
import dev.resnettck.tensor.Tensor;

/** {@code torch.nn.MaxPool2d} with -inf padding; the gradient goes to torch's choice among tied maxima. */
public final class MaxPool2d implements Module {
    private final MaxPool2dOptions options;
    private final PoolKernels kernels;
    private PoolGeometry geometry;
    private int[] argmax;

    public MaxPool2d(MaxPool2dOptions options, PoolKernels kernels) {
        this.options = options;
        this.kernels = kernels;
    }

    @Override
    public Tensor forward(Tensor x) {
        geometry = PoolGeometry.of(x.shape(), options);
        int[] indices = new int[geometry.n() * geometry.c() * geometry.oh() * geometry.ow()];
        argmax = GradMode.isEnabled() ? indices : null;
        return kernels.maxPoolForward(x, geometry, indices);
    }

    @Override
    public Tensor backward(Tensor gradOutput) {
        LayerState.requireForward(argmax, "MaxPool2d");
        return kernels.maxPoolBackward(gradOutput, geometry, argmax);
    }
}
