package dev.resnettck.resnet;

import dev.resnettck.nn.BatchNorm2dOptions;
import dev.resnettck.nn.Conv2dOptions;
import dev.resnettck.nn.FlattenOptions;
import dev.resnettck.nn.LayerFactories;
import dev.resnettck.nn.LayerFactories.BlockArgs;
import dev.resnettck.nn.LinearOptions;
import dev.resnettck.nn.MaxPool2dOptions;
import dev.resnettck.nn.Module;
import dev.resnettck.nn.Sequential;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds any {@link ResNetSpec} from any implementation's {@link LayerFactories}, as torchvision's
 * {@code ResNet} does: stem (7x7/2 conv, bn, relu, 3x3/2 max pool with padding 1), one group per
 * stage, global average pool, flatten, linear. The model is a Sequential whose children are named
 * {@code conv1, bn1, relu, maxpool, layer1.., avgpool, flatten, fc}, so running the children in
 * order runs the model stage by stage.
 */
public final class ResNets {
    private ResNets() {
    }

    public static Sequential build(ResNetSpec spec, LayerFactories layers) {
        Map<String, Module> m = new LinkedHashMap<>();
        m.put("conv1", layers.conv2d().apply(Conv2dOptions.of(spec.inChannels(), spec.stemChannels(), 7, 2, 3, false)));
        m.put("bn1", layers.batchNorm2d().apply(BatchNorm2dOptions.of(spec.stemChannels())));
        m.put("relu", layers.relu().get());
        m.put("maxpool", layers.maxPool2d().apply(MaxPool2dOptions.of(3, 2, 1)));
        for (int stage = 0; stage < spec.stages(); stage++) {
            m.put("layer" + (stage + 1), blockGroup(spec, stage, layers));
        }
        m.put("avgpool", layers.globalAvgPool2d().get());
        m.put("flatten", layers.flatten().apply(FlattenOptions.DEFAULT));
        m.put("fc", layers.linear().apply(new LinearOptions(spec.features(), spec.numClasses(), true)));
        return new Sequential(m);
    }

    /** One stage of a spec: n residual blocks, only the first strided. */
    public static Sequential blockGroup(ResNetSpec spec, int stage, LayerFactories layers) {
        return blockGroup(spec.block(), spec.stageInChannels(stage), spec.widths().get(stage),
                spec.blocksPerStage().get(stage), spec.strides().get(stage), layers);
    }

    /** n residual blocks named "0".."n-1"; the first takes {@code in} channels and the stride. */
    public static Sequential blockGroup(BlockKind kind, int in, int planes, int count, int stride,
                                        LayerFactories layers) {
        Module[] blocks = new Module[count];
        for (int i = 0; i < count; i++) {
            blocks[i] = residualBlock(kind, i == 0 ? in : planes * kind.expansion(), planes, i == 0 ? stride : 1, layers);
        }
        return Sequential.of(blocks);
    }

    /** One residual block of the given kind; the shortcut is a projection when the stride or channels change. */
    public static Module residualBlock(BlockKind kind, int in, int planes, int stride, LayerFactories layers) {
        int out = planes * kind.expansion();
        Module body = kind.factory(layers).create(new BlockArgs(in, planes, stride), layers);
        Module shortcut = stride != 1 || in != out ? layers.projection().create(in, out, stride, layers) : null;
        return layers.residual().create(body, shortcut, layers);
    }
}
