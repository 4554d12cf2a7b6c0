package dev.resnettck.tck.models;

import dev.resnettck.kernels.Backend;
import dev.resnettck.kernels.fast.FastBackend;
import dev.resnettck.kernels.plain.PlainBackend;
import dev.resnettck.layers.BatchNorm2d;
import dev.resnettck.layers.BuiltinLayers;
import dev.resnettck.nn.BatchNorm2dOptions;
import dev.resnettck.nn.LayerFactories;
import dev.resnettck.nn.Module;
import dev.resnettck.nn.StateDict;
import dev.resnettck.reference.RefVar;
import dev.resnettck.reference.TorchSession;
import dev.resnettck.resnet.Init;
import dev.resnettck.resnet.ResNetSpec;
import dev.resnettck.resnet.ResNets;
import dev.resnettck.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Realistic weights for a whole ResNet: the project's seeded initialisation (torchvision's
 * Kaiming-normal fan-out convolutions, perturbed batch-norm affines) with batch-norm running
 * statistics calibrated on real photographs, so activations keep the scale of a trained network
 * instead of collapsing or exploding.
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

    /**
     * Initialised and calibrated on {@code calibration} (n, 3, H, W): one training-mode pass of the
     * project's own deterministic kernels with batch-norm momentum 1, so each running statistic is the
     * calibration batch's own (mean, unbiased variance). Needs no DJL; the golden data pins the result's
     * SHA-256.
     */
    public static Map<String, Tensor> calibrated(ResNetSpec spec, long seed, Tensor calibration) {
        // the double-accumulating build: the pinned weights must not move when the default kernels change
        Backend backend = FastBackend.create(dev.resnettck.kernels.fast.Accumulation.FLOAT64);
        LayerFactories calibrating = BuiltinLayers.factories(backend).withBatchNorm2d(o -> new BatchNorm2d(
                new BatchNorm2dOptions(o.numFeatures(), o.eps(), 1.0), backend.batchNorm()));
        Module model = ResNets.build(spec, calibrating);
        Init.realistic(model, seed);
        model.train(true);
        model.forward(calibration);
        Map<String, Tensor> copy = new LinkedHashMap<>();
        StateDict.entries(model).forEach((k, v) -> copy.put(k, v.copy()));
        return copy;
    }

    /** SHA-256 over every key, shape and float bit pattern, in state_dict order: the weights' fingerprint. */
    public static String sha256(Map<String, Tensor> weights) {
        try {
            java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
            java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(4);
            for (Map.Entry<String, Tensor> e : weights.entrySet()) {
                md.update(e.getKey().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                for (int d : e.getValue().shape()) {
                    md.update(buf.clear().putInt(d).array());
                }
                for (float f : e.getValue().data()) {
                    md.update(buf.clear().putInt(Float.floatToRawIntBits(f)).array());
                }
            }
            return java.util.HexFormat.of().formatHex(md.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The weights as reference constants, keyed like the state_dict. */
    public static Map<String, RefVar> constants(TorchSession torch, Map<String, Tensor> weights) {
        Map<String, RefVar> state = new LinkedHashMap<>();
        weights.forEach((k, v) -> state.put(k, torch.constant(v.data(), v.shape())));
        return state;
    }

    public static int[] ints(java.util.List<Integer> values) {
        return values.stream().mapToInt(Integer::intValue).toArray();
    }
}
