package dev.resnettck.tck.blocks;

import dev.resnettck.resnet.BlockKind;
import dev.resnettck.tck.layers.StateEntry;
import java.util.ArrayList;
import java.util.List;

/** The state_dict torchvision gives a block, a group or a conv layer: keys, shapes, kinds. */
final class BlockLayout {
    private BlockLayout() {
    }

    static List<StateEntry> block(String p, BlockKind kind, int in, int planes, int stride) {
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

    static List<StateEntry> group(BlockArgs a) {
        List<StateEntry> s = new ArrayList<>();
        for (int i = 0; i < a.blocks(); i++) {
            s.addAll(block(i + ".", a.kind(), i == 0 ? a.in() : a.out(), a.planes(), i == 0 ? a.stride() : 1));
        }
        return s;
    }

    static void convBn(List<StateEntry> s, String conv, String bn, int out, int in, int k) {
        s.add(StateEntry.weight(conv + ".weight", in * k * k, out, in, k, k));
        s.add(StateEntry.of(bn + ".weight", StateEntry.Kind.GAMMA, out));
        s.add(StateEntry.of(bn + ".bias", StateEntry.Kind.BETA, out));
        s.add(StateEntry.of(bn + ".running_mean", StateEntry.Kind.RUNNING_MEAN, out));
        s.add(StateEntry.of(bn + ".running_var", StateEntry.Kind.RUNNING_VAR, out));
        s.add(StateEntry.of(bn + ".num_batches_tracked", StateEntry.Kind.COUNT));
    }

    /** An informational ULP allowance: the convolutions' budgets plus the batch norms'. */
    static double ulpBudget(BlockArgs a) {
        double perBlock = a.kind() == BlockKind.BASIC ? 2.0 * 9 * (a.in() + a.planes()) + 12
                : 2.0 * (a.in() + 9 * a.planes() + a.planes()) + 18;
        return perBlock * a.blocks();
    }
}
