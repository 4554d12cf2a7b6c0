package dev.resnettck.layers;

import dev.resnettck.kernels.ChannelSums;
import dev.resnettck.kernels.ConvGeometry;
import dev.resnettck.kernels.ConvKernels;
import dev.resnettck.kernels.Epilogue;
import dev.resnettck.nn.Conv2dOptions;
import dev.resnettck.nn.FusesInInference;
import dev.resnettck.nn.GradMode;
import dev.resnettck.nn.Module;
import dev.resnettck.nn.Parameter;
import dev.resnettck.tensor.Shapes;
import dev.resnettck.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code torch.nn.Conv2d}: parameters {@code weight} (out, in, kh, kw) and optional {@code bias} (out).
 * In inference it applies a following evaluation-mode BatchNorm2d, and a ReLU after that, as it
 * writes its output (bit for bit what the separate layers give).
 */
public final class Conv2d implements FusesInInference {
    private final Conv2dOptions options;
    private final ConvKernels kernels;
    private final Parameter weight;
    private final Parameter bias;
    private Tensor input;
    private ConvGeometry geometry;

    public Conv2d(Conv2dOptions options, ConvKernels kernels) {
        this.options = options;
        this.kernels = kernels;
        this.weight = Parameter.zeros(options.weightShape());
        this.bias = options.bias() ? Parameter.zeros(options.outChannels()) : null;
    }

    @Override
    public Tensor forward(Tensor x) {
        geometry = ConvGeometry.of(x.shape(), options.weightShape(), options.stride(), options.padding());
        input = GradMode.isEnabled() ? x : null;
        return kernels.forward(x, weight.value(), bias == null ? null : bias.value(), geometry);
    }

    @Override
    public int fusable(List<Module> following) {
        if (following.isEmpty() || !(following.get(0) instanceof BatchNorm2d bn)
                || bn.inferenceEpilogue(options.outChannels()) == null) {
            return 0;
        }
        return following.size() > 1 && following.get(1) instanceof ReLU ? 2 : 1;
    }

    @Override
    public Tensor forwardFused(Tensor x, List<Module> following, int count) {
        return forwardFused(x, following, count, null);
    }

    /** With a residual, {@code following} is the batch norm alone, and the ReLU comes after the sum. */
    @Override
    public Tensor forwardFused(Tensor x, List<Module> following, int count, Tensor residual) {
        BatchNorm2d bn = (BatchNorm2d) following.get(0);
        Epilogue then = bn.inferenceEpilogue(options.outChannels());
        bn.skipped();
        if (count > 1) {
            then = then.withRelu();
            ((ReLU) following.get(1)).skipped();
        }
        geometry = ConvGeometry.of(x.shape(), options.weightShape(), options.stride(), options.padding());
        if (residual != null) {
            if (!java.util.Arrays.equals(geometry.outputShape(), residual.shape())) {
                throw new IllegalArgumentException("residual block: the body gives shape " + Shapes.format(
                        geometry.outputShape()) + " but the shortcut gives " + Shapes.format(residual.shape())
                        + " (a projection shortcut is needed when the stride or the channels change)");
            }
            then = then.withResidual(residual).withRelu();
        }
        input = null;
        return kernels.forward(x, weight.value(), bias == null ? null : bias.value(), geometry, then);
    }

    @Override
    public Tensor backward(Tensor gradOutput) {
        return backward(gradOutput, true);
    }

    @Override
    public Tensor backward(Tensor gradOutput, boolean inputGradient) {
        LayerState.requireForward(input, "Conv2d");
        // into the zeroed gradient's array where the kernels can write it; else the kernels' new array (each call
        // returns one: ConvKernels#backwardWeight) is handed over, not copied
        if (weight.requiresGrad() && !weight.overwriteZeroGrad(into -> kernels.backwardWeight(gradOutput, input,
                geometry, into))) {
            weight.accumulateOwnedGrad(kernels.backwardWeight(gradOutput, input, geometry).data());
        }
        if (bias != null && bias.requiresGrad()) {
            bias.accumulateGrad(ChannelSums.of(gradOutput.contiguous()));
        }
        return inputGradient ? kernels.backwardInput(gradOutput, weight.value(), geometry) : null;
    }

    @Override
    public Map<String, Parameter> parameters() {
        Map<String, Parameter> p = new LinkedHashMap<>();
        p.put("weight", weight);
        if (bias != null) {
            p.put("bias", bias);
        }
        return p;
    }

    public Conv2dOptions options() {
        return options;
    }
}
