package dev.resnettck.tck.zoo;

import dev.resnettck.kernels.plain.PlainBatchNorm;
import dev.resnettck.kernels.plain.PlainLinear;
import dev.resnettck.layers.BatchNorm2d;
import dev.resnettck.layers.Conv2d;
import dev.resnettck.layers.Flatten;
import dev.resnettck.layers.GlobalAvgPool2d;
import dev.resnettck.layers.Linear;
import dev.resnettck.layers.MaxPool2d;
import dev.resnettck.nn.BatchNorm2dOptions;
import dev.resnettck.nn.Conv2dOptions;
import dev.resnettck.nn.FlattenOptions;
import dev.resnettck.nn.LinearOptions;
import dev.resnettck.nn.MaxPool2dOptions;
import dev.resnettck.nn.Module;
import dev.resnettck.nn.Sequential;
import dev.resnettck.resnet.ResidualBlock;
import dev.resnettck.tck.spi.ImplementationProvider;
import dev.resnettck.tck.spi.TckImplementation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The self-certification zoo: correct implementations with one planted fault each, across layers,
 * blocks, models and backward. Every one must be rejected, by one of the rules it names.
 */
public final class Zoo implements ImplementationProvider {
    private static final String LAYER_AND_RESNET18 = PlantedImplementation.LAYER_RULES + "|MODEL-RESNET18-.*";
    private static final MaxPool2dOptions STEM_POOL = MaxPool2dOptions.of(3, 2, 1);

    public static List<PlantedImplementation> all() {
        PlainBatchNorm bn = new PlainBatchNorm();
        return List.of(
                PlantedImplementation.of("conv-transposed-kernel", "Conv2d reads its kernel transposed",
                        List.of("LAYER-CONV2D-FWD"), l -> l.withConv2d(o -> new Conv2d(o, FaultyConv.TRANSPOSED_KERNEL))),
                PlantedImplementation.of("conv-off-by-one-padding", "Conv2d pads one pixel too many on top and left",
                        List.of("LAYER-CONV2D-FWD"), l -> l.withConv2d(o -> new Conv2d(o, FaultyConv.OFF_BY_ONE_PADDING))),
                PlantedImplementation.of("conv-ignores-bias", "Conv2d never adds its bias",
                        List.of("LAYER-CONV2D-FWD"), l -> l.withConv2d(o -> new Conv2d(o, FaultyConv.IGNORES_BIAS))),
                PlantedImplementation.of("conv-weight-grad-x2", "Conv2d's weight gradient is doubled",
                        List.of("LAYER-CONV2D-BWD"), l -> l.withConv2d(o -> new Conv2d(o, FaultyConv.WEIGHT_GRADIENT_TIMES_TWO))),
                PlantedImplementation.of("bn-unbiased-variance", "BatchNorm2d normalises with the unbiased variance",
                        List.of("LAYER-BATCHNORM2D-FWD"), l -> l.withBatchNorm2d(o -> new BatchNorm2d(o, new UnbiasedVarianceBatchNorm()))),
                PlantedImplementation.of("bn-momentum-reversed", "BatchNorm2d applies momentum the wrong way (1 - momentum)",
                        List.of("LAYER-BATCHNORM2D-FWD"), l -> l.withBatchNorm2d(o -> momentumReversed(o, bn))),
                PlantedImplementation.of("bn-eval-uses-batch-stats", "BatchNorm2d ignores eval mode and normalises with batch statistics",
                        List.of("LAYER-BATCHNORM2D-EVAL"), l -> l.withBatchNorm2d(o -> FaultyModules.ignoresEvalMode(new BatchNorm2d(o, bn)))),
                PlantedImplementation.of("bn-eval-backward-as-training", "BatchNorm2d's evaluation-mode backward uses the "
                        + "training formula (as if batch statistics depended on x)", List.of("LAYER-BATCHNORM2D-EVAL-BWD"),
                        l -> l.withBatchNorm2d(o -> new BatchNorm2d(o, new TrainingBackwardBatchNorm()))),
                PlantedImplementation.of("bn-count-not-tracked", "BatchNorm2d never increments num_batches_tracked",
                        List.of("LAYER-BATCHNORM2D-FWD"), l -> l.withBatchNorm2d(o -> FaultyModules.untrackedBatchNorm(new BatchNorm2d(o, bn)))),
                PlantedImplementation.of("relu-grad-at-zero", "ReLU passes the gradient at exactly 0 (torch gives 0)",
                        List.of("LAYER-RELU-BWD"), l -> l.withRelu(FaultyModules::reluPassingZero)),
                PlantedImplementation.of("maxpool-zero-padding", "MaxPool2d pads with 0 instead of -inf",
                        List.of("LAYER-MAXPOOL2D-FWD"), l -> l.withMaxPool2d(o -> new MaxPool2d(o, FaultyPool.ZERO_PADDING))),
                PlantedImplementation.of("maxpool-last-tie", "MaxPool2d routes the gradient to the last of tied maxima",
                        List.of("LAYER-MAXPOOL2D-BWD"), l -> l.withMaxPool2d(o -> new MaxPool2d(o, FaultyPool.LAST_OF_TIED_MAXIMA))),
                PlantedImplementation.of("avgpool-height-only", "global average pool divides by the height only",
                        List.of("LAYER-GLOBALAVGPOOL2D-FWD"), l -> l.withGlobalAvgPool2d(() -> new GlobalAvgPool2d(FaultyPool.AVERAGE_OVER_HEIGHT_ONLY))),
                PlantedImplementation.inModel("head-max-pool", "the head pools with max instead of average",
                        List.of("LAYER-GLOBALAVGPOOL2D-FWD", "MODEL-RESNET18-EVAL"), LAYER_AND_RESNET18,
                        l -> l.withGlobalAvgPool2d(() -> new GlobalAvgPool2d(FaultyPool.GLOBAL_MAX_INSTEAD_OF_AVERAGE))),
                PlantedImplementation.inModel("stem-maxpool-no-padding", "the stem's 3x3/2 max pool has no padding",
                        List.of("MODEL-RESNET18-EVAL"), "MODEL-RESNET18-.*", l -> l.withMaxPool2d(o ->
                                l.maxPool2d().apply(o.equals(STEM_POOL) ? new MaxPool2dOptions(o.kernelSize(), o.stride(),
                                        dev.resnettck.nn.Size2.of(0)) : o))),
                PlantedImplementation.inModel("projection-without-bn", "the projection shortcut has no batch norm",
                        List.of("BLOCK-BASIC-FWD", "MODEL-RESNET18-KEYS", "MODEL-RESNET18-EVAL"), LAYER_AND_RESNET18,
                        l -> l.withProjection((in, out, stride, layers) ->
                                Sequential.of(layers.conv2d().apply(Conv2dOptions.conv1x1(in, out, stride))))),
                PlantedImplementation.of("flatten-ignores-end-dim", "Flatten always flattens to the last dimension",
                        List.of("LAYER-FLATTEN-FWD"), l -> l.withFlatten(o -> new Flatten(new FlattenOptions(o.startDim(), -1)))),
                PlantedImplementation.of("linear-transposed-weight", "Linear computes x W instead of x W^T",
                        List.of("LAYER-LINEAR-FWD"), l -> l.withLinear(o -> new Linear(o, new TransposedWeightLinear()))),
                PlantedImplementation.inModel("bottleneck-v1", "the bottleneck strides its first 1x1 convolution (v1, not v1.5)",
                        List.of("BLOCK-BOTTLENECK-FWD", "MODEL-RESNET50-EVAL"), PlantedImplementation.LAYER_RULES
                                + "|MODEL-RESNET50-EVAL", l -> l.withBottleneck((a, layers) -> {
                            Map<String, Module> m = new LinkedHashMap<>();
                            int w = a.planes();
                            put(m, 1, layers.conv2d().apply(Conv2dOptions.conv1x1(a.inChannels(), w, a.stride())), layers, true);
                            put(m, 2, layers.conv2d().apply(Conv2dOptions.conv3x3(w, w, 1)), layers, true);
                            put(m, 3, layers.conv2d().apply(Conv2dOptions.conv1x1(w, 4 * w, 1)), layers, false);
                            return new Sequential(m);
                        })),
                PlantedImplementation.of("residual-no-final-relu", "the residual block omits the ReLU after the sum",
                        List.of("BLOCK-BASIC-FWD"), l -> l.withResidual((body, shortcut, layers) ->
                                new ResidualBlock(body, shortcut, layers.identity().get()))),
                PlantedImplementation.of("loss-sum-not-mean", "the loss sums over the batch instead of averaging",
                        List.of("LOSS-CROSSENTROPY-FWD"), l -> l.withCrossEntropy(SummedLoss::new)),
                // sized just beyond float32 noise: small, systematic errors that a float32 implementation cannot make
                PlantedImplementation.of("conv-chopped-accumulation", "Conv2d accumulates in float32 rounding toward "
                        + "zero (chopping): n ulps of bias instead of about sqrt(n) ulps of noise",
                        List.of("LAYER-CONV2D-FWD", "LAYER-CONV2D-WIDE"), "LAYER-CONV2D-.*",
                        l -> l.withConv2d(o -> new Conv2d(o, FaultyConv.CHOPPED_ACCUMULATION))),
                PlantedImplementation.of("conv-output-scaled-3e-5", "Conv2d's output is 3e-5 too large (relative)",
                        List.of("LAYER-CONV2D-FWD"), "LAYER-CONV2D-.*", l -> l.withConv2d(o -> new Conv2d(o, FaultyConv.OUTPUT_SCALED))),
                PlantedImplementation.of("relu-leaky-1e-6", "ReLU leaks 1e-6 of negative inputs (below 1e-5 on ordinary "
                        + "values; ReLU is exact in float32)", List.of("LAYER-RELU-FWD"), "LAYER-RELU-.*",
                        l -> l.withRelu(FaultyModules::reluLeaky)),
                PlantedImplementation.of("bn-eps-outside-sqrt", "BatchNorm2d divides by sqrt(var) + eps instead of "
                        + "sqrt(var + eps)", List.of("LAYER-BATCHNORM2D-FWD"), "LAYER-BATCHNORM2D-.*",
                        l -> l.withBatchNorm2d(o -> new BatchNorm2d(o, new EpsOutsideSqrtBatchNorm()))),
                PlantedImplementation.of("linear-bias-grad-missing", "Linear accumulates no bias gradient",
                        List.of("LAYER-LINEAR-BWD"), l -> l.withLinear(Zoo::withoutBiasGradient)),
                // the optimizer-step rules on their own (teacher forcing, factor 8): a fault in the running
                // statistics and one in a gradient, on the fast kernels so that the gate model trains in seconds
                PlantedImplementation.inTraining("train-bn-momentum-reversed", "BatchNorm2d applies momentum the wrong "
                        + "way (1 - momentum), seen by the SGD step rule", List.of("TRAIN-SGD-STEP"), "TRAIN-SGD-STEP",
                        l -> l.withBatchNorm2d(o -> momentumReversed(o, bn))),
                PlantedImplementation.inTraining("train-conv-weight-grad-scaled-1e-4", "Conv2d's weight gradient is 1e-4 "
                        + "too large (relative), seen by the SGD step rule after its fit of ReLU kink flips",
                        List.of("TRAIN-SGD-STEP"), "TRAIN-SGD-STEP",
                        l -> l.withConv2d(o -> new Conv2d(o, FaultyConv.WEIGHT_GRADIENT_SCALED))),
                PlantedImplementation.inTraining("train-linear-bias-grad-missing", "Linear accumulates no bias gradient, "
                        + "seen by the Adam step rule", List.of("TRAIN-ADAM-STEP"), "TRAIN-ADAM-STEP",
                        l -> l.withLinear(Zoo::withoutBiasGradient)));
    }

    private static Module momentumReversed(BatchNorm2dOptions o, PlainBatchNorm kernels) {
        return new BatchNorm2d(new BatchNorm2dOptions(o.numFeatures(), o.eps(), 1 - o.momentum()), kernels);
    }

    private static Module withoutBiasGradient(LinearOptions o) {
        Module lin = new Linear(o, new PlainLinear());
        if (lin.parameters().containsKey("bias")) {
            lin.parameters().get("bias").requiresGrad(false);
        }
        return lin;
    }

    private static void put(Map<String, Module> m, int i, Module conv, dev.resnettck.nn.LayerFactories layers,
                            boolean relu) {
        int out = ((Conv2d) conv).options().outChannels();
        m.put("conv" + i, conv);
        m.put("bn" + i, layers.batchNorm2d().apply(BatchNorm2dOptions.of(out)));
        if (relu) {
            m.put("relu" + i, layers.relu().get());
        }
    }

    @Override
    public List<TckImplementation> implementations() {
        return List.copyOf(all());
    }
}
