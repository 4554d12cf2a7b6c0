package dev.resnettck.tck.training;

import dev.resnettck.data.Batches;
import dev.resnettck.nn.Module;
import dev.resnettck.nn.StateDict;
import dev.resnettck.reference.Precision;
import dev.resnettck.reference.TorchTrainer;
import dev.resnettck.resnet.BlockKind;
import dev.resnettck.resnet.ResNetSpec;
import dev.resnettck.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Runs the same training steps in an implementation's model and in the reference from identical
 * weights and batches, then compares every parameter and running statistic under the pass rule.
 */
final class StepComparison {
    private StepComparison() {
    }

    /** A reference trainer for a model's current state; {@code trainable} names the parameters that learn. */
    static TorchTrainer reference(ResNetSpec spec, Module model, Set<String> trainable, Precision precision) {
        Map<String, float[]> values = new LinkedHashMap<>();
        Map<String, int[]> shapes = new LinkedHashMap<>();
        StateDict.entries(model).forEach((k, v) -> {
            values.put(k, v.data().clone());
            shapes.put(k, v.shape());
        });
        return new TorchTrainer(values, shapes, trainable, spec.block() == BlockKind.BOTTLENECK,
                spec.blocksPerStage().stream().mapToInt(Integer::intValue).toArray(),
                spec.strides().stream().mapToInt(Integer::intValue).toArray(), precision);
    }

    /** A training batch of FashionMNIST images: the first {@code size} of the gate's epoch-0 order, skipping {@code offset}. */
    static Tensor images(int offset, int size) {
        return Batches.images(TrainingData.get().trainImages(), indices(offset, size), 1, 28, Batches.MEAN, Batches.STD);
    }

    static int[] labels(int offset, int size) {
        return Batches.labels(TrainingData.get().trainLabels(), indices(offset, size));
    }

    private static int[] indices(int offset, int size) {
        int[] order = Batches.shuffled(TrainingData.get().trainImages().count(), GateRecipe.SEED);
        return java.util.Arrays.copyOfRange(order, offset, offset + size);
    }
}
