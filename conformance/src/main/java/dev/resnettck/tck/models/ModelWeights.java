package dev.resnettck.tck.models;

import dev.resnettck.kernels.plain.PlainBackend;
import dev.resnettck.layers.BuiltinLayers;
import dev.resnettck.nn.Module;
import dev.resnettck.nn.StateDict;
import dev.resnettck.reference.Precision;
import dev.resnettck.reference.RefVar;
import dev.resnettck.reference.TorchSession;
import dev.resnettck.reference.TorchVision;
import dev.resnettck.resnet.BlockKind;
import dev.resnettck.resnet.Init;
import dev.resnettck.resnet.ResNetSpec;
import dev.resnettck.resnet.ResNets;
import dev.resnettck.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Realistic weights for a whole ResNet: the project's seeded initialisation (torchvision's
 * Kaiming-normal fan-out convolutions, perturbed batch-norm affines) with batch-norm running
 * statistics calibrated on real photographs by the reference (one training-mode pass with
 * momentum 1: each running statistic becomes the calibration batch's own), so activations keep
 * the scale of a trained network instead of collapsing or exploding.
 */
public final class ModelWeights {
    private ModelWeights() {
    }

    /** Initialised, uncalibrated: the state_dict under torchvision's keys, running statistics 0 and 1. */
    public static Map<String, Tensor> initialised(ResNetSpec spec, long seed) {
        Module template = ResNets.build(spec, BuiltinLayers.factories(PlainBackend.create()));
        Init.realistic(template, seed);
        Map<String, Tensor> copy = new LinkedHashMap<>();
        StateDict.entries(template).forEach((k, v) -> copy.put(k, v.copy()));
        return copy;
    }

    /** Initialised and calibrated on {@code calibration} (n, 3, H, W) by the reference, in float32. */
    public static Map<String, Tensor> calibrated(ResNetSpec spec, long seed, Tensor calibration) {
        Map<String, Tensor> weights = initialised(spec, seed);
        try (TorchSession torch = TorchSession.forward(Precision.FLOAT32)) {
            Map<String, RefVar> state = constants(torch, weights);
            RefVar x = torch.constant(calibration.data(), calibration.shape());
            TorchVision.resnet(torch, state, x, spec.block() == BlockKind.BOTTLENECK, ints(spec.blocksPerStage()),
                    ints(spec.strides()), TorchVision.Norm.CALIBRATE, null);
            for (Map.Entry<String, Tensor> e : weights.entrySet()) {
                String key = e.getKey();
                if (key.endsWith("running_mean") || key.endsWith("running_var")) {
                    double[] v = state.get(key).values();
                    float[] into = e.getValue().data();
                    for (int i = 0; i < into.length; i++) {
                        into[i] = (float) v[i];
                    }
                } else if (key.endsWith("num_batches_tracked")) {
                    e.getValue().data()[0] = 1;
                }
            }
        }
        return weights;
    }

    /** The weights as reference constants, keyed like the state_dict. */
    public static Map<String, RefVar> constants(TorchSession torch, Map<String, Tensor> weights) {
        Map<String, RefVar> state = new LinkedHashMap<>();
        weights.forEach((k, v) -> state.put(k, torch.constant(v.data(), v.shape())));
        return state;
    }

    static int[] ints(java.util.List<Integer> values) {
        return values.stream().mapToInt(Integer::intValue).toArray();
    }
}
