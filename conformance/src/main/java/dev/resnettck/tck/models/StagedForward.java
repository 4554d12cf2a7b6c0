package dev.resnettck.tck.models;

import dev.resnettck.nn.GradMode;
import dev.resnettck.nn.Module;
import dev.resnettck.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a model and keeps the output of each stage (stem, layer1.., logits) when the model is laid
 * out as torchvision's top level is (conv1, bn1, relu, maxpool, layer1.., avgpool, flatten, fc);
 * otherwise only the logits.
 */
public final class StagedForward {
    private StagedForward() {
    }

    /** Inference: run without keeping anything for backward (the built-in layers honour {@link GradMode}). */
    public static Map<String, Tensor> run(Module model, Tensor x, int stages) {
        return GradMode.noGrad(() -> staged(model, x, stages));
    }

    private static Map<String, Tensor> staged(Module model, Tensor x, int stages) {
        List<String> expected = new ArrayList<>(List.of("conv1", "bn1", "relu", "maxpool"));
        for (int i = 1; i <= stages; i++) {
            expected.add("layer" + i);
        }
        expected.addAll(List.of("avgpool", "flatten", "fc"));
        Map<String, Tensor> out = new LinkedHashMap<>();
        if (!new ArrayList<>(model.children().keySet()).equals(expected)) {
            out.put("logits", model.forward(x));
            return out;
        }
        Tensor y = x;
        for (Map.Entry<String, Module> child : model.children().entrySet()) {
            y = child.getValue().forward(y);
            String name = child.getKey();
            if (name.equals("maxpool")) {
                out.put("stem", y);
            } else if (name.startsWith("layer")) {
                out.put(name, y);
            }
        }
        out.put("logits", y);
        return out;
    }

    static List<String> names(int stages) {
        List<String> names = new ArrayList<>(List.of("stem"));
        for (int i = 1; i <= stages; i++) {
            names.add("layer" + i);
        }
        names.add("logits");
        return names;
    }
}
