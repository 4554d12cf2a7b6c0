package dev.resnettck.tck.torchvision;

import dev.resnettck.resnet.BlockKind;
import dev.resnettck.resnet.ResNetSpec;
import dev.resnettck.tck.layers.StateEntry;
import java.util.ArrayList;
import java.util.List;

/**
 * The state_dict torchvision gives a block, a stage or a whole ResNet (keys, shapes, kinds),
 * written from torchvision's code, independently of any implementation's composition.
 */
public final class TorchVisionLayout {
    private TorchVisionLayout() {
    }

    /** A whole ResNet: stem conv1/bn1, layer1..4, fc, in torchvision's order. */
    public static List<StateEntry> resnet(ResNetSpec spec) {
        List<StateEntry> s = new ArrayList<>();
        convBn(s, "conv1", "bn1", spec.stemChannels(), spec.inChannels(), 7);
        for (int stage = 0; stage < spec.stages(); stage++) {
            int in = spec.stageInChannels(stage);
            int planes = spec.widths().get(stage);
            for (int i = 0; i < spec.blocksPerStage().get(stage); i++) {
                s.addAll(block("layer" + (stage + 1) + "." + i + ".", spec.block(),
                        i == 0 ? in : spec.stageOutChannels(stage), planes, i == 0 ? spec.strides().get(stage) : 1));
            }
        }
        s.add(StateEntry.weight("fc.weight", spec.features(), spec.numClasses(), spec.features()));
        s.add(new StateEntry("fc.bias", new int[] {spec.numClasses()}, StateEntry.Kind.BIAS, spec.features()));
        return s;
    }

    public static List<StateEntry> block(String p, BlockKind kind, int in, int planes, int stride) {
        List<StateEntry> s = new ArrayList<>();
        int out = planes * kind.expansion();
        if (kind == BlockKind.BASIC) {
            convBn(s, p + "conv1", p + "bn1", planes, in, 3);
            convBn(s, p + "conv2", p + "bn2", planes, planes, 3);
        } else {
            convBn(s, p + "conv1", p + "bn1", planes, in, 1);
            convBn(s, p + "conv2", p + "bn2", planes, planes, 3);
            convBn(s, p + "conv3", p + "bn3", out, planes, 1);
        }
        if (stride != 1 || in != out) {
            convBn(s, p + "downsample.0", p + "downsample.1", out, in, 1);
        }
        return s;
    }

    public static List<StateEntry> group(dev.resnettck.tck.blocks.BlockArgs a) {
        List<StateEntry> s = new ArrayList<>();
        for (int i = 0; i < a.blocks(); i++) {
            s.addAll(block(i + ".", a.kind(), i == 0 ? a.in() : a.out(), a.planes(), i == 0 ? a.stride() : 1));
        }
        return s;
    }

    public static void convBn(List<StateEntry> s, String conv, String bn, int out, int in, int k) {
        s.add(StateEntry.weight(conv + ".weight", in * k * k, out, in, k, k));
        s.add(StateEntry.of(bn + ".weight", StateEntry.Kind.GAMMA, out));
        s.add(StateEntry.of(bn + ".bias", StateEntry.Kind.BETA, out));
        s.add(StateEntry.of(bn + ".running_mean", StateEntry.Kind.RUNNING_MEAN, out));
        s.add(StateEntry.of(bn + ".running_var", StateEntry.Kind.RUNNING_VAR, out));
        s.add(StateEntry.of(bn + ".num_batches_tracked", StateEntry.Kind.COUNT));
    }

    /** An informational ULP allowance: the convolutions' budgets plus the batch norms'. */
    public static double ulpBudget(dev.resnettck.tck.blocks.BlockArgs a) {
        double perBlock = a.kind() == BlockKind.BASIC ? 2.0 * 9 * (a.in() + a.planes()) + 12
                : 2.0 * (a.in() + 9 * a.planes() + a.planes()) + 18;
        return perBlock * a.blocks();
    }
}
