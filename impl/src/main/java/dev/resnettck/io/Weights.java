package dev.resnettck.io;

import dev.resnettck.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** Reads and writes state_dicts by file extension: {@code .safetensors}, or {@code .pth}/{@code .pt} (torch.save). */
public final class Weights {
    private Weights() {
    }

    public static Map<String, Tensor> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such weights file");
        }
        return switch (format(file)) {
            case "safetensors" -> SafeTensors.read(file, null);
            default -> TorchCheckpoint.read(file);
        };
    }

    public static void write(Path file, Map<String, Tensor> stateDict) throws IOException {
        switch (format(file)) {
            case "safetensors" -> SafeTensors.write(file, stateDict, Map.of("format", "pt"));
            default -> TorchCheckpoint.write(file, stateDict);
        }
    }

    private static String format(Path file) throws WeightsFormatException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".safetensors")) {
            return "safetensors";
        }
        if (name.endsWith(".pth") || name.endsWith(".pt")) {
            return "pth";
        }
        throw new WeightsFormatException(file, "unknown weights format: expected .safetensors, .pth or .pt");
    }
}
