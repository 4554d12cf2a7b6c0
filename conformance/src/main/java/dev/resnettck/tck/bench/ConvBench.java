package dev.resnettck.tck.bench;

import dev.resnettck.layers.Conv2d;
import dev.resnettck.nn.Conv2dOptions;
import dev.resnettck.nn.GradMode;
import dev.resnettck.reference.RefVar;
import dev.resnettck.reference.TorchBench;
import dev.resnettck.resnet.ResNetSpec;
import dev.resnettck.tensor.Tensor;
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

/** Every distinct convolution of ResNet50 at 224x224, forward and forward+backward, for each contestant. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ConvBench {
    /** Index into {@link ConvShapes#distinct} of ResNet50 at 224. */
    @Param({"0"})
    public int shape;

    @Param({"fast", "torch", "fast-float64", "plain"})
    public String impl;

    @Param({"8"})
    public int batch;

    private Conv2d conv;
    private Tensor x;
    private Tensor gradOutput;
    private TorchBench torch;
    private RefVar tx;
    private RefVar tw;
    private float[] cotangent;
    private ConvShapes.Shape s;

    public static ConvShapes.Shape shapeAt(int index) {
        return ConvShapes.distinct(ResNetSpec.RESNET50, 224).get(index);
    }

    /** The network whose shapes {@link #shape} indexes: ResNet50 in the benchmark (a harness may pick another). */
    public ResNetSpec model = ResNetSpec.RESNET50;

    @Setup(Level.Trial)
    public void setUp() {
        s = ConvShapes.distinct(model, 224).get(shape);
        float[] input = Implementations.normal(batch * s.in() * s.size() * s.size(), 1);
        float[] weight = Implementations.normal(s.out() * s.in() * s.kernel() * s.kernel(), 2);
        int o = s.outSize();
        cotangent = Implementations.normal(batch * s.out() * o * o, 3);
        if (impl.equals("torch")) {
            torch = new TorchBench();
            tx = torch.tensor(input, batch, s.in(), s.size(), s.size());
            tw = torch.tensor(weight, s.out(), s.in(), s.kernel(), s.kernel());
            return;
        }
        conv = new Conv2d(Conv2dOptions.of(s.in(), s.out(), s.kernel(), s.stride(), s.padding(), false),
                Implementations.backend(impl).conv());
        conv.parameters().get("weight").set(Tensor.of(weight, s.out(), s.in(), s.kernel(), s.kernel()));
        x = Tensor.of(input, batch, s.in(), s.size(), s.size());
        gradOutput = Tensor.of(cotangent, batch, s.out(), o, o);
        // inside a network a layer receives activations as the layers before it write them: kernels that keep
        // them channels-last (fast) get channels-last operands, as torch gets its own NCHW
        if (GradMode.noGrad(() -> conv.forward(x)).isChannelsLast() && !x.isChannelsLast()) {
            x = x.toChannelsLast();
            gradOutput = gradOutput.toChannelsLast();
        }
    }

    @Benchmark
    public Object forward() {
        if (torch != null) {
            return torch.conv2d(tx, tw, s.stride(), s.padding(), null);
        }
        return GradMode.noGrad(() -> conv.forward(x));
    }

    @Benchmark
    public Object forwardBackward() {
        if (torch != null) {
            return torch.conv2d(tx, tw, s.stride(), s.padding(), cotangent);
        }
        conv.forward(x);
        return conv.backward(gradOutput);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (torch != null) {
            torch.close();
        }
    }
}
