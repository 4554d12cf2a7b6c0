package dev.resnettck.layers;

import dev.resnettck.kernels.PoolKernels;
import dev.resnettck.nn.Module;
import dev.resnettck.tensor.Shapes;
import dev.resnettck.tensor.Tensor;

/** torchvision's {@code avgpool}: {@code torch.nn.AdaptiveAvgPool2d((1, 1))}, (n, c, h, w) to (n, c, 1, 1). */
public final class GlobalAvgPool2d implements Module {
    private final PoolKernels kernels;
    private int[] inputShape;

    public GlobalAvgPool2d(PoolKernels kernels) {
        this.kernels = kernels;
    }

    @Override
    public Tensor forward(Tensor x) {
        Shapes.requireRank(x, 4, "AdaptiveAvgPool2d", "(N, C, H, W)");
        if (x.size(2) == 0 || x.size(3) == 0) {
            throw new IllegalArgumentException("AdaptiveAvgPool2d: input has an empty plane, shape " + Shapes.format(x.shape()));
        }
        inputShape = x.shape();
        return kernels.globalAvgPoolForward(x);
    }

    @Override
    public Tensor backward(Tensor gradOutput) {
        LayerState.requireForward(inputShape, "AdaptiveAvgPool2d");
        return kernels.globalAvgPoolBackward(gradOutput, inputShape[2], inputShape[3]);
    }
}
