package dev.resnettck.tck.cli;

import dev.resnettck.io.SafeTensors;
import dev.resnettck.io.TorchCheckpoint;
import dev.resnettck.nn.StateDict;
import dev.resnettck.resnet.Init;
import dev.resnettck.resnet.ResNetSpec;
import dev.resnettck.resnet.ResNets;
import dev.resnettck.tck.spi.Implementations;
import dev.resnettck.tensor.Tensor;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Writes a torchvision-layout ResNet state_dict with torchvision's seeded initialisation (Kaiming
 * normal fan-out convolutions, unit batch norms, uniform fc), as {@code .pth} (torch.save) or
 * {@code .safetensors}: weights for {@code classify} and for moving to Python without a model hub.
 */
@Command(name = "weights", mixinStandardHelpOptions = true,
        description = "Write a seeded torchvision ResNet state_dict (.pth or .safetensors, by the file name).")
final class WeightsCommand implements Callable<Integer> {

    @Option(names = {"-d", "--depth"}, description = "18, 34, 50, 101 or 152 (default: ${DEFAULT-VALUE})", defaultValue = "50")
    int depth;

    @Option(names = "--seed", description = "initialisation seed (default: ${DEFAULT-VALUE})", defaultValue = "0")
    long seed;

    @Option(names = "--classes", description = "output classes (default: ${DEFAULT-VALUE})", defaultValue = "1000")
    int classes;

    @Option(names = "--channels", description = "input channels (default: ${DEFAULT-VALUE})", defaultValue = "3")
    int channels;

    @Option(names = {"-o", "--out"}, required = true, description = "the file to write: *.pth or *.safetensors")
    Path out;

    @Override
    public Integer call() throws Exception {
        String name = out.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!name.endsWith(".pth") && !name.endsWith(".pt") && !name.endsWith(".safetensors")) {
            throw new IllegalArgumentException("--out must end in .pth, .pt or .safetensors, got " + out);
        }
        if (classes < 1 || channels < 1) {
            throw new IllegalArgumentException("--classes and --channels must be at least 1, got " + classes + " and "
                    + channels);
        }
        ResNetSpec spec = ResNetSpec.preset("resnet" + depth).withInChannels(channels).withNumClasses(classes);
        var model = ResNets.build(spec, Implementations.byName(Implementations.DEFAULT).layers());
        Init.torchvision(model, seed);
        Map<String, Tensor> state = StateDict.entries(model);
        if (out.toAbsolutePath().getParent() != null) {
            java.nio.file.Files.createDirectories(out.toAbsolutePath().getParent());
        }
        if (name.endsWith(".safetensors")) {
            SafeTensors.write(out, state, Map.of("format", "pt", "model", spec.name(), "seed", Long.toString(seed)));
        } else {
            TorchCheckpoint.write(out, state);
        }
        System.out.printf(Locale.ROOT, "%s (%d input channels, %d classes, torchvision init, seed %d): %,d parameters, "
                + "%d state_dict entries -> %s%n", spec.name(), channels, classes, seed, StateDict.parameterCount(model),
                state.size(), out);
        return 0;
    }
}
