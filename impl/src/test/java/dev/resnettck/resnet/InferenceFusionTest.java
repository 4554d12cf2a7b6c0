package dev.resnettck.resnet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.resnettck.kernels.Backend;
import dev.resnettck.kernels.fast.Accumulation;
import dev.resnettck.kernels.fast.FastBackend;
import dev.resnettck.kernels.plain.PlainBackend;
import dev.resnettck.layers.BuiltinLayers;
import dev.resnettck.nn.GradMode;
import dev.resnettck.nn.Module;
import dev.resnettck.tensor.Tensor;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * In inference a convolution applies the batch norm and ReLU after it as it writes
 * ({@link dev.resnettck.nn.FusesInInference}). Evaluation mode with gradients on runs the layers
 * one by one; with them off it fuses. The logits must agree bit for bit, for the fused kernels
 * (fast) and for the fallback that applies the map after the pass (plain).
 */
class InferenceFusionTest {

    static Stream<Arguments> builds() {
        return Stream.of(
                Arguments.of("fast float32, basic blocks", FastBackend.create(Accumulation.FLOAT32), ResNetSpec.RESNET18),
                Arguments.of("fast float32, bottlenecks", FastBackend.create(Accumulation.FLOAT32), ResNetSpec.RESNET50),
                Arguments.of("fast float64, basic blocks", FastBackend.create(Accumulation.FLOAT64), ResNetSpec.RESNET18),
                Arguments.of("plain, basic blocks", PlainBackend.create(), ResNetSpec.RESNET18));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("builds")
    void fusedInferenceEqualsTheLayersOneByOne(String name, Backend backend, ResNetSpec spec) {
        Module model = ResNets.build(spec.withNumClasses(10), BuiltinLayers.factories(backend));
        Init.realistic(model, 11);
        model.train(false);
        SplittableRandom r = new SplittableRandom(5);
        float[] x = new float[2 * 3 * 32 * 32];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) Init.gaussian(r);
        }
        Tensor input = Tensor.of(x, 2, 3, 32, 32);
        Tensor layerByLayer = model.forward(input);
        Tensor fused = GradMode.noGrad(() -> model.forward(input));
        assertEquals(20, fused.data().length);
        assertArrayEquals(layerByLayer.data(), fused.data(), name);
    }
}
