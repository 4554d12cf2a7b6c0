package dev.resnettck.tck.models;

import dev.resnettck.reference.Precision;
import dev.resnettck.reference.RefVar;
import dev.resnettck.reference.TorchSession;
import dev.resnettck.reference.TorchVision;
import dev.resnettck.resnet.BlockKind;
import dev.resnettck.resnet.ResNetSpec;
import dev.resnettck.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * torchvision's ResNet in evaluation mode on the reference, in one precision: every stage's output
 * (stem, layer1.., logits). The oracle is {@link Precision#FLOAT64_ROUNDED}; the same run in
 * {@link Precision#FLOAT32} gives each stage's float32 noise.
 */
public final class ReferenceResNet {
    private ReferenceResNet() {
    }

    /** One stage's values and shape. */
    public record Stage(double[] values, int[] shape) {
    }

    public static List<Stage> stages(ResNetSpec spec, Map<String, Tensor> weights, Tensor x, Precision precision) {
        List<Stage> out = new ArrayList<>();
        try (TorchSession torch = TorchSession.forward(precision)) {
            List<RefVar> stages = new ArrayList<>();
            TorchVision.resnet(torch, ModelWeights.constants(torch, weights), torch.constant(x.data(), x.shape()),
                    spec.block() == BlockKind.BOTTLENECK, ModelWeights.ints(spec.blocksPerStage()),
                    ModelWeights.ints(spec.strides()), TorchVision.Norm.of(false), stages);
            for (RefVar s : stages) {
                out.add(new Stage(s.values(), s.shape()));
            }
        }
        return out;
    }
}
