package dev.resnettck.resnet;

import dev.resnettck.nn.BatchNorm2dOptions;
import dev.resnettck.nn.Conv2dOptions;
import dev.resnettck.nn.LayerFactories;
import dev.resnettck.nn.LayerFactories.BlockArgs;
import dev.resnettck.nn.Module;
import dev.resnettck.nn.Sequential;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The generic block composition, from any implementation's layers. A "conv layer" is
 * Conv2d -> BatchNorm2d -> optional ReLU, registered as {@code conv<i>}, {@code bn<i>},
 * {@code relu<i>} so the state_dict keys are torchvision's.
 */
public final class Blocks {
    private Blocks() {
    }

    /** torchvision's BasicBlock body: conv3x3(stride) -> bn -> relu -> conv3x3 -> bn. Expansion 1. */
    public static Module basicBlock(BlockArgs a, LayerFactories layers) {
        Map<String, Module> m = new LinkedHashMap<>();
        convLayer(m, 1, Conv2dOptions.conv3x3(a.inChannels(), a.planes(), a.stride()), true, layers);
        convLayer(m, 2, Conv2dOptions.conv3x3(a.planes(), a.planes(), 1), false, layers);
        return new Sequential(m);
    }

    /**
     * torchvision's Bottleneck body, v1.5: conv1x1 -> bn -> relu -> conv3x3(stride) -> bn -> relu ->
     * conv1x1(expand 4) -> bn. The stride sits on the 3x3, not on the first 1x1 (that was v1).
     */
    public static Module bottleneck(BlockArgs a, LayerFactories layers) {
        int width = a.planes();
        Map<String, Module> m = new LinkedHashMap<>();
        convLayer(m, 1, Conv2dOptions.conv1x1(a.inChannels(), width, 1), true, layers);
        convLayer(m, 2, Conv2dOptions.conv3x3(width, width, a.stride()), true, layers);
        convLayer(m, 3, Conv2dOptions.conv1x1(width, a.planes() * BlockKind.BOTTLENECK.expansion(), 1), false, layers);
        return new Sequential(m);
    }

    /** torchvision's downsample: {@code Sequential(conv1x1(in, out, stride), BatchNorm2d(out))}. */
    public static Module projection(int in, int out, int stride, LayerFactories layers) {
        return Sequential.of(layers.conv2d().apply(Conv2dOptions.conv1x1(in, out, stride)),
                layers.batchNorm2d().apply(BatchNorm2dOptions.of(out)));
    }

    public static Module residual(Module body, Module shortcut, LayerFactories layers) {
        return new ResidualBlock(body, shortcut, layers.relu().get());
    }

    /** A conv layer on its own: children {@code conv1}, {@code bn1} and, with relu, {@code relu1}. */
    public static Sequential convLayer(Conv2dOptions conv, boolean relu, LayerFactories layers) {
        Map<String, Module> m = new LinkedHashMap<>();
        convLayer(m, 1, conv, relu, layers);
        return new Sequential(m);
    }

    static void convLayer(Map<String, Module> into, int index, Conv2dOptions conv, boolean relu,
                          LayerFactories layers) {
        into.put("conv" + index, layers.conv2d().apply(conv));
        into.put("bn" + index, layers.batchNorm2d().apply(BatchNorm2dOptions.of(conv.outChannels())));
        if (relu) {
            into.put("relu" + index, layers.relu().get());
        }
    }
}
