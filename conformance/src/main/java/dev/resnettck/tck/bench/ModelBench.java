package dev.resnettck.tck.bench;

import dev.resnettck.layers.BuiltinLayers;
import dev.resnettck.nn.GradMode;
import dev.resnettck.nn.Module;
import dev.resnettck.nn.StateDict;
import dev.resnettck.reference.Precision;
import dev.resnettck.reference.TorchTrainer;
import dev.resnettck.resnet.BlockKind;
import dev.resnettck.resnet.Init;
import dev.resnettck.resnet.ResNetSpec;
import dev.resnettck.resnet.ResNets;
import dev.resnettck.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/** ResNet34 and ResNet50 inference (evaluation mode) on 224x224 batches of 1 and 8. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ModelBench {
    @Param({"resnet34", "resnet50"})
    public String model;

    @Param({"1", "8"})
    public int batch;

    @Param({"fast", "torch", "fast-float64", "plain"})
    public String impl;

    private Module ours;
    private TorchTrainer torch;
    private Tensor x;

    @Setup(Level.Trial)
    public void setUp() {
        ResNetSpec spec = ResNetSpec.preset(model);
        Module template = ResNets.build(spec, BuiltinLayers.factories(Implementations.backend(
                impl.equals("torch") ? "fast" : impl)));
        Init.realistic(template, 1);
        template.train(false);
        x = Tensor.of(Implementations.normal(batch * 3 * 224 * 224, 4), batch, 3, 224, 224);
        if (!impl.equals("torch")) {
            ours = template;
            return;
        }
        Map<String, float[]> values = new LinkedHashMap<>();
        Map<String, int[]> shapes = new LinkedHashMap<>();
        StateDict.entries(template).forEach((k, v) -> {
            values.put(k, v.data());
            shapes.put(k, v.shape());
        });
        torch = new TorchTrainer(values, shapes, Set.of(), spec.block() == BlockKind.BOTTLENECK,
                spec.blocksPerStage().stream().mapToInt(Integer::intValue).toArray(),
                spec.strides().stream().mapToInt(Integer::intValue).toArray(), Precision.FLOAT32);
    }

    @Benchmark
    public Object infer() {
        if (torch != null) {
            return torch.logits(x.data(), x.shape());
        }
        return GradMode.noGrad(() -> ours.forward(x));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (torch != null) {
            torch.close();
        }
    }
}
