package org.example.torchlayers;

import dev.resnettck.kernels.ConvGeometry;
import dev.resnettck.kernels.PoolGeometry;
import dev.resnettck.layers.Flatten;
import dev.resnettck.nn.Conv2dOptions;
import dev.resnettck.nn.Identity;
import dev.resnettck.nn.LayerFactories;
import dev.resnettck.nn.LinearOptions;
import dev.resnettck.nn.MaxPool2dOptions;
import dev.resnettck.nn.Module;
import dev.resnettck.nn.Parameter;
import dev.resnettck.reference.Precision;
import dev.resnettck.resnet.Blocks;
import dev.resnettck.tck.spi.TckImplementation;
import dev.resnettck.tensor.Shapes;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An example third-party implementation: torch.nn-style layers computed by libtorch (through the
 * suite's reference module and DJL), plugged in with this one adapter class and its line in
 * META-INF/services/dev.resnettck.tck.spi.TckImplementation. Arguments are validated with the
 * suite's own geometry helpers, so bad input is refused with a message naming the argument.
 */
public final class TorchLayersImplementation implements TckImplementation {
    private final String name;
    private final Precision precision;

    /** Registered twice (see {@link TorchLayersImplementations}): float64 rounded once, and torch's own float32. */
    TorchLayersImplementation(String name, Precision precision) {
        this.name = name;
        this.precision = precision;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String version() {
        return "1.0";
    }

    @Override
    public String description() {
        return "example: every layer a libtorch function in " + (precision == Precision.FLOAT32 ? "float32 (libtorch's "
                + "own float32 arithmetic)" : "float64, rounded to float32 once") + ", backward by torch's autograd";
    }

    @Override
    public Map<String, String> configuration() {
        return Map.of("precision", precision.name());
    }

    @Override
    public LayerFactories layers() {
        return new LayerFactories(
                this::conv2d,
                o -> new TorchBatchNorm(precision, o),
                () -> new TorchLayer(precision, (torch, x, p) -> torch.relu(x), Map.of()),
                this::maxPool2d,
                () -> new TorchLayer(precision, (torch, x, p) -> {
                    if (x.shape().length != 4) {
                        throw new IllegalArgumentException("adaptive_avg_pool2d: expected a 4-d input, got shape "
                                + java.util.Arrays.toString(x.shape()));
                    }
                    return torch.globalAvgPool2d(x);
                }, Map.of()),
                Flatten::new,
                this::linear,
                Identity::new,
                () -> new TorchCrossEntropy(precision),
                Blocks::basicBlock,
                Blocks::bottleneck,
                Blocks::projection,
                Blocks::residual);
    }

    private Module conv2d(Conv2dOptions o) {
        Map<String, Parameter> p = new LinkedHashMap<>();
        p.put("weight", Parameter.zeros(o.weightShape()));
        if (o.bias()) {
            p.put("bias", Parameter.zeros(o.outChannels()));
        }
        return new TorchLayer(precision, (torch, x, params) -> {
            ConvGeometry.of(x.shape(), o.weightShape(), o.stride(), o.padding());
            return torch.conv2d(x, params.get("weight"), params.get("bias"), o.stride().h(), o.stride().w(),
                    o.padding().h(), o.padding().w());
        }, p);
    }

    private Module maxPool2d(MaxPool2dOptions o) {
        return new TorchLayer(precision, (torch, x, p) -> {
            PoolGeometry.of(x.shape(), o);
            return torch.maxPool2d(x, o.kernelSize().h(), o.kernelSize().w(), o.stride().h(), o.stride().w(),
                    o.padding().h(), o.padding().w());
        }, Map.of());
    }

    private Module linear(LinearOptions o) {
        Map<String, Parameter> p = new LinkedHashMap<>();
        p.put("weight", Parameter.zeros(o.outFeatures(), o.inFeatures()));
        if (o.bias()) {
            p.put("bias", Parameter.zeros(o.outFeatures()));
        }
        return new TorchLayer(precision, (torch, x, params) -> {
            int[] s = x.shape();
            if (s.length == 0 || s[s.length - 1] != o.inFeatures()) {
                throw new IllegalArgumentException("linear: input shape " + Shapes.format(s) + " does not end in in_features "
                        + o.inFeatures());
            }
            return torch.linear(x, params.get("weight"), params.get("bias"));
        }, p);
    }
}
