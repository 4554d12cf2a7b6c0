package dev.resnettck.resnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resnettck.kernels.plain.PlainBackend;
import dev.resnettck.layers.BuiltinLayers;
import dev.resnettck.nn.LayerFactories;
import dev.resnettck.nn.Module;
import dev.resnettck.nn.StateDict;
import dev.resnettck.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** torchvision's parameter counts, state_dict sizes and key names, for every preset. */
class ResNetStructureTest {
    private static final LayerFactories LAYERS = BuiltinLayers.factories(PlainBackend.create());

    @ParameterizedTest(name = "{0}: {1} parameters, {2} state_dict entries")
    @CsvSource({"resnet18, 11689512, 122", "resnet34, 21797672, 218", "resnet50, 25557032, 320",
            "resnet101, 44549160, 626", "resnet152, 60192808, 932"})
    void countsMatchTorchvision(String name, long parameters, int entries) {
        Module model = ResNets.build(ResNetSpec.preset(name), LAYERS);
        assertEquals(parameters, StateDict.parameterCount(model));
        assertEquals(entries, StateDict.entries(model).size());
    }

    @Test
    void keysAreTorchvisionsInTorchvisionsOrder() {
        List<String> keys = new ArrayList<>(StateDict.entries(ResNets.build(ResNetSpec.RESNET18, LAYERS)).keySet());
        assertEquals(List.of("conv1.weight", "bn1.weight", "bn1.bias", "bn1.running_mean", "bn1.running_var",
                "bn1.num_batches_tracked", "layer1.0.conv1.weight", "layer1.0.bn1.weight"), keys.subList(0, 8));
        assertEquals(List.of("fc.weight", "fc.bias"), keys.subList(keys.size() - 2, keys.size()));
        int bn2 = keys.indexOf("layer2.0.bn2.num_batches_tracked");
        assertEquals("layer2.0.downsample.0.weight", keys.get(bn2 + 1));
        assertTrue(keys.contains("layer2.0.downsample.1.num_batches_tracked"));
        assertFalse(keys.contains("layer1.0.downsample.0.weight"), "resnet18's first stage keeps its identity shortcut");
    }

    @Test
    void bottleneckStridesTheThreeByThree() {
        Map<String, Tensor> s = StateDict.entries(ResNets.build(ResNetSpec.RESNET50, LAYERS));
        assertEquals(List.of(128, 256, 1, 1), dims(s.get("layer2.0.conv1.weight")));
        assertEquals(List.of(128, 128, 3, 3), dims(s.get("layer2.0.conv2.weight")));
        assertEquals(List.of(512, 256, 1, 1), dims(s.get("layer2.0.downsample.0.weight")));
        assertTrue(s.containsKey("layer1.0.downsample.0.weight"), "64 -> 256 channels needs a projection");
    }

    @Test
    void inputChannelsAndClassesAreParameters() {
        Module m = ResNets.build(ResNetSpec.RESNET18.withInChannels(1).withNumClasses(10), LAYERS);
        Map<String, Tensor> s = StateDict.entries(m);
        assertEquals(List.of(64, 1, 7, 7), dims(s.get("conv1.weight")));
        assertEquals(List.of(10, 512), dims(s.get("fc.weight")));
        Tensor logits = m.forward(Tensor.zeros(2, 1, 32, 32));
        assertEquals(List.of(2, 10), dims(logits));
    }

    @Test
    void specsRejectInconsistentStages() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ResNetSpec("bad",
                BlockKind.BASIC, List.of(2, 2), List.of(64), List.of(1, 2), 64, 3, 10));
        assertTrue(e.getMessage().contains("one entry per stage"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ResNetSpec.preset("resnet19"));
    }

    @Test
    void initIsReproducibleAndPerKey() {
        Module a = ResNets.build(ResNetSpec.RESNET18, LAYERS);
        Module b = ResNets.build(ResNetSpec.RESNET18, LAYERS);
        Init.torchvision(a, 7);
        Init.torchvision(b, 7);
        Map<String, Tensor> sa = StateDict.entries(a);
        Map<String, Tensor> sb = StateDict.entries(b);
        for (String k : sa.keySet()) {
            assertTrue(java.util.Arrays.equals(sa.get(k).data(), sb.get(k).data()), k);
        }
        float[] w = sa.get("layer1.0.conv1.weight").data();
        double var = 0;
        for (float v : w) {
            var += v * v;
        }
        // kaiming_normal_, fan_out = 64 * 3 * 3: variance 2 / 576
        assertEquals(2.0 / 576, var / w.length, 0.1 * 2.0 / 576);
        assertEquals(1f, sa.get("bn1.weight").data()[0]);
    }

    private static List<Integer> dims(Tensor t) {
        return java.util.Arrays.stream(t.shape()).boxed().toList();
    }
}
