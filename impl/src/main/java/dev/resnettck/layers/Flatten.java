package dev.resnettck.layers;

import dev.resnettck.nn.FlattenOptions;
import dev.resnettck.nn.Module;
import dev.resnettck.tensor.Shapes;
import dev.resnettck.tensor.Tensor;

/** {@code torch.nn.Flatten(start_dim, end_dim)}: merges dimensions start..end (negative counts from the end). */
public final class Flatten implements Module {
    private final FlattenOptions options;
    private int[] inputShape;

    public Flatten(FlattenOptions options) {
        this.options = options;
    }

    @Override
    public Tensor forward(Tensor x) {
        int rank = x.dim();
        int start = Shapes.normalizeDim(options.startDim(), rank, "Flatten start_dim");
        int end = Shapes.normalizeDim(options.endDim(), rank, "Flatten end_dim");
        if (start > end) {
            throw new IllegalArgumentException("Flatten: start_dim " + options.startDim() + " comes after end_dim "
                    + options.endDim() + " for an input of rank " + rank);
        }
        inputShape = x.shape();
        int[] out = new int[rank - (end - start)];
        int o = 0;
        for (int d = 0; d < start; d++) {
            out[o++] = inputShape[d];
        }
        int merged = 1;
        for (int d = start; d <= end; d++) {
            merged *= inputShape[d];
        }
        out[o++] = merged;
        for (int d = end + 1; d < rank; d++) {
            out[o++] = inputShape[d];
        }
        return x.reshape(out);
    }

    @Override
    public Tensor backward(Tensor gradOutput) {
        LayerState.requireForward(inputShape, "Flatten");
        return gradOutput.reshape(inputShape);
    }
}
