package dev.resnettck.tck.bench;

import dev.resnettck.layers.BuiltinLayers;
import dev.resnettck.layers.CrossEntropyLoss;
import dev.resnettck.nn.Module;
import dev.resnettck.nn.StateDict;
import dev.resnettck.reference.Precision;
import dev.resnettck.reference.TorchTrainer;
import dev.resnettck.resnet.Init;
import dev.resnettck.resnet.ResNets;
import dev.resnettck.tck.training.GateRecipe;
import dev.resnettck.tensor.Tensor;
import dev.resnettck.train.Adam;
import java.util.LinkedHashMap;
import java.util.Map;
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

/** One training step of the gate model (ResNet18, 1 channel, 10 classes, 28x28) at batch 64: forward, loss, backward, Adam. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class TrainStepBench {
    @Param({"fast", "torch", "fast-float64", "plain"})
    public String impl;

    public static final int BATCH = 64;
    private Module model;
    private Adam adam;
    private final CrossEntropyLoss loss = new CrossEntropyLoss();
    private TorchTrainer torch;
    private Tensor x;
    private int[] y;

    @Setup(Level.Trial)
    public void setUp() {
        model = ResNets.build(GateRecipe.MODEL, BuiltinLayers.factories(Implementations.backend(
                impl.equals("torch") ? "fast" : impl)));
        Init.torchvision(model, GateRecipe.SEED);
        model.train(true);
        x = Tensor.of(Implementations.normal(BATCH * 28 * 28, 5), BATCH, 1, 28, 28);
        y = new int[BATCH];
        for (int i = 0; i < BATCH; i++) {
            y[i] = i % 10;
        }
        if (!impl.equals("torch")) {
            adam = Adam.withDefaults(StateDict.parameters(model), 1e-3);
            return;
        }
        Map<String, float[]> values = new LinkedHashMap<>();
        Map<String, int[]> shapes = new LinkedHashMap<>();
        StateDict.entries(model).forEach((k, v) -> {
            values.put(k, v.data());
            shapes.put(k, v.shape());
        });
        torch = new TorchTrainer(values, shapes, StateDict.parameters(model).keySet(), false, new int[] {2, 2, 2, 2},
                new int[] {1, 2, 2, 2}, Precision.FLOAT32);
    }

    @Benchmark
    public double step() {
        if (torch != null) {
            torch.zeroGrad();
            double l = torch.accumulate(x.data(), x.shape(), y, 1.0);
            torch.adamStep(1e-3, 0.9, 0.999, 1e-8, 0);
            return l;
        }
        adam.zeroGrad();
        double l = loss.forward(model.forward(x), y);
        model.backward(loss.backward(), false);
        adam.step();
        return l;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (torch != null) {
            torch.close();
        }
    }
}
