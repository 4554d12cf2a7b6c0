package dev.resnettck.reference;

import java.util.List;
import java.util.Map;

/**
 * torchvision's ResNet ({@code torchvision/models/resnet.py}, v1.5) written as functions of a
 * state_dict, with the reference ops: the twin the suite compares blocks and whole models with.
 * It knows nothing of the implementation's composition: structure comes from torchvision's code
 * and from which keys the state_dict holds (a block has a projection when it has
 * {@code downsample.0.weight}); kernel sizes come from the weight shapes.
 */
public final class TorchVision {
    /** torchvision's BatchNorm2d defaults. */
    public static final double BN_MOMENTUM = 0.1;
    public static final double BN_EPS = 1e-5;

    private TorchVision() {
    }

    /**
     * How batch norms run: training (batch statistics, running statistics updated by momentum) or
     * evaluation (running statistics). Momentum 1 makes the running statistics the batch's own:
     * calibration.
     */
    public record Norm(boolean training, double momentum) {
        public static Norm of(boolean training) {
            return new Norm(training, BN_MOMENTUM);
        }

        public static final Norm CALIBRATE = new Norm(true, 1.0);
    }

    /** conv (padding k/2, no bias) then batch norm, keys {@code conv} and {@code bn} as given. */
    public static RefVar convBn(TorchSession t, Map<String, RefVar> s, String conv, String bn, RefVar x, int stride,
                                boolean training) {
        return convBn(t, s, conv, bn, x, stride, Norm.of(training));
    }

    static RefVar convBn(TorchSession t, Map<String, RefVar> s, String conv, String bn, RefVar x, int stride, Norm norm) {
        RefVar w = require(s, conv + ".weight");
        int[] k = w.shape();
        RefVar y = t.conv2d(x, w, s.get(conv + ".bias"), stride, stride, k[2] / 2, k[3] / 2);
        return t.batchNorm2d(y, require(s, bn + ".weight"), require(s, bn + ".bias"), require(s, bn + ".running_mean"),
                require(s, bn + ".running_var"), norm.momentum(), BN_EPS, norm.training());
    }

    /** {@code BasicBlock.forward}: conv3x3(stride)-bn-relu-conv3x3-bn, plus identity or downsample, relu. */
    public static RefVar basicBlock(TorchSession t, Map<String, RefVar> s, String p, RefVar x, int stride,
                                    boolean training) {
        return block(t, s, p, x, false, stride, Norm.of(training));
    }

    /** {@code Bottleneck.forward} (v1.5: the stride on the 3x3 conv2). */
    public static RefVar bottleneck(TorchSession t, Map<String, RefVar> s, String p, RefVar x, int stride,
                                    boolean training) {
        return block(t, s, p, x, true, stride, Norm.of(training));
    }

    private static RefVar block(TorchSession t, Map<String, RefVar> s, String p, RefVar x, boolean bottleneck,
                                int stride, Norm norm) {
        RefVar out;
        if (bottleneck) {
            out = t.relu(convBn(t, s, p + "conv1", p + "bn1", x, 1, norm));
            out = t.relu(convBn(t, s, p + "conv2", p + "bn2", out, stride, norm));
            out = convBn(t, s, p + "conv3", p + "bn3", out, 1, norm);
        } else {
            out = t.relu(convBn(t, s, p + "conv1", p + "bn1", x, stride, norm));
            out = convBn(t, s, p + "conv2", p + "bn2", out, 1, norm);
        }
        RefVar identity = s.containsKey(p + "downsample.0.weight")
                ? convBn(t, s, p + "downsample.0", p + "downsample.1", x, stride, norm)
                : x;
        return t.relu(t.add(out, identity));
    }

    /** {@code ResNet._make_layer} applied: n blocks, the first with the stage's stride. */
    public static RefVar blockGroup(TorchSession t, Map<String, RefVar> s, String p, RefVar x, boolean bottleneck,
                                    int blocks, int stride, boolean training) {
        return blockGroup(t, s, p, x, bottleneck, blocks, stride, Norm.of(training));
    }

    private static RefVar blockGroup(TorchSession t, Map<String, RefVar> s, String p, RefVar x, boolean bottleneck,
                                     int blocks, int stride, Norm norm) {
        RefVar y = x;
        for (int i = 0; i < blocks; i++) {
            y = block(t, s, p + i + ".", y, bottleneck, i == 0 ? stride : 1, norm);
        }
        return y;
    }

    /**
     * {@code ResNet.forward}: stem, the stages, global average pool, flatten, fc. The output of
     * each stage (stem, layer1.., logits) is appended to {@code stages} when it is not null.
     */
    public static RefVar resnet(TorchSession t, Map<String, RefVar> s, RefVar x, boolean bottleneck,
                                int[] blocksPerStage, int[] strides, Norm norm, List<RefVar> stages) {
        RefVar y = t.relu(convBn(t, s, "conv1", "bn1", x, 2, norm));
        y = t.maxPool2d(y, 3, 3, 2, 2, 1, 1);
        record(stages, y);
        for (int i = 0; i < blocksPerStage.length; i++) {
            y = blockGroup(t, s, "layer" + (i + 1) + ".", y, bottleneck, blocksPerStage[i], strides[i], norm);
            record(stages, y);
        }
        y = t.flatten(t.globalAvgPool2d(y), 1, -1);
        y = t.linear(y, require(s, "fc.weight"), s.get("fc.bias"));
        record(stages, y);
        return y;
    }

    private static void record(List<RefVar> stages, RefVar y) {
        if (stages != null) {
            stages.add(y);
        }
    }

    private static RefVar require(Map<String, RefVar> s, String key) {
        RefVar v = s.get(key);
        if (v == null) {
            throw new IllegalArgumentException("the reference state_dict has no key '" + key + "'");
        }
        return v;
    }
}
