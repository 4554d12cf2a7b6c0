package dev.resnettck.nn;

import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Everything a ResNet is built from, each a small factory: torchvision's {@code norm_layer} idea
 * generalised to every layer and block. An implementation supplies its layers; the blocks default
 * to the generic composition in {@link dev.resnettck.resnet.Blocks}, so any implementation that
 * supplies the layers gets every ResNet. Each wither replaces one factory (how the self-tests
 * plant a fault in one place).
 */
public record LayerFactories(
        Function<Conv2dOptions, Module> conv2d,
        Function<BatchNorm2dOptions, Module> batchNorm2d,
        Supplier<Module> relu,
        Function<MaxPool2dOptions, Module> maxPool2d,
        Supplier<Module> globalAvgPool2d,
        Function<FlattenOptions, Module> flatten,
        Function<LinearOptions, Module> linear,
        Supplier<Module> identity,
        Supplier<Loss> crossEntropy,
        BlockFactory basicBlock,
        BlockFactory bottleneck,
        ProjectionFactory projection,
        ResidualFactory residual) {

    /** Builds the body of one residual block (no shortcut, no final ReLU). */
    @FunctionalInterface
    public interface BlockFactory {
        Module create(BlockArgs args, LayerFactories layers);
    }

    /** torchvision's {@code downsample}: a 1x1 convolution and a batch norm, children "0" and "1". */
    @FunctionalInterface
    public interface ProjectionFactory {
        Module create(int inChannels, int outChannels, int stride, LayerFactories layers);
    }

    /** {@code relu(body(x) + shortcut(x))}; a null shortcut is the identity. */
    @FunctionalInterface
    public interface ResidualFactory {
        Module create(Module body, Module shortcut, LayerFactories layers);
    }

    /** The arguments torchvision's BasicBlock and Bottleneck share: inplanes, planes, stride. */
    public record BlockArgs(int inChannels, int planes, int stride) {
        public BlockArgs {
            Checks.positive("block", "inplanes", inChannels);
            Checks.positive("block", "planes", planes);
            Checks.positive("block", "stride", stride);
        }
    }

    public LayerFactories withConv2d(Function<Conv2dOptions, Module> f) {
        return new LayerFactories(f, batchNorm2d, relu, maxPool2d, globalAvgPool2d, flatten, linear, identity,
                crossEntropy, basicBlock, bottleneck, projection, residual);
    }

    public LayerFactories withBatchNorm2d(Function<BatchNorm2dOptions, Module> f) {
        return new LayerFactories(conv2d, f, relu, maxPool2d, globalAvgPool2d, flatten, linear, identity,
                crossEntropy, basicBlock, bottleneck, projection, residual);
    }

    public LayerFactories withRelu(Supplier<Module> f) {
        return new LayerFactories(conv2d, batchNorm2d, f, maxPool2d, globalAvgPool2d, flatten, linear, identity,
                crossEntropy, basicBlock, bottleneck, projection, residual);
    }

    public LayerFactories withMaxPool2d(Function<MaxPool2dOptions, Module> f) {
        return new LayerFactories(conv2d, batchNorm2d, relu, f, globalAvgPool2d, flatten, linear, identity,
                crossEntropy, basicBlock, bottleneck, projection, residual);
    }

    public LayerFactories withGlobalAvgPool2d(Supplier<Module> f) {
        return new LayerFactories(conv2d, batchNorm2d, relu, maxPool2d, f, flatten, linear, identity,
                crossEntropy, basicBlock, bottleneck, projection, residual);
    }

    public LayerFactories withFlatten(Function<FlattenOptions, Module> f) {
        return new LayerFactories(conv2d, batchNorm2d, relu, maxPool2d, globalAvgPool2d, f, linear, identity,
                crossEntropy, basicBlock, bottleneck, projection, residual);
    }

    public LayerFactories withLinear(Function<LinearOptions, Module> f) {
        return new LayerFactories(conv2d, batchNorm2d, relu, maxPool2d, globalAvgPool2d, flatten, f, identity,
                crossEntropy, basicBlock, bottleneck, projection, residual);
    }

    public LayerFactories withCrossEntropy(Supplier<Loss> f) {
        return new LayerFactories(conv2d, batchNorm2d, relu, maxPool2d, globalAvgPool2d, flatten, linear, identity,
                f, basicBlock, bottleneck, projection, residual);
    }

    public LayerFactories withBasicBlock(BlockFactory f) {
        return new LayerFactories(conv2d, batchNorm2d, relu, maxPool2d, globalAvgPool2d, flatten, linear, identity,
                crossEntropy, f, bottleneck, projection, residual);
    }

    public LayerFactories withBottleneck(BlockFactory f) {
        return new LayerFactories(conv2d, batchNorm2d, relu, maxPool2d, globalAvgPool2d, flatten, linear, identity,
                crossEntropy, basicBlock, f, projection, residual);
    }

    public LayerFactories withProjection(ProjectionFactory f) {
        return new LayerFactories(conv2d, batchNorm2d, relu, maxPool2d, globalAvgPool2d, flatten, linear, identity,
                crossEntropy, basicBlock, bottleneck, f, residual);
    }

    public LayerFactories withResidual(ResidualFactory f) {
        return new LayerFactories(conv2d, batchNorm2d, relu, maxPool2d, globalAvgPool2d, flatten, linear, identity,
                crossEntropy, basicBlock, bottleneck, projection, f);
    }
}
