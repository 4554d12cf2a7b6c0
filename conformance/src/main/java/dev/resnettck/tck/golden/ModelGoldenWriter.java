package dev.resnettck.tck.golden;

import dev.resnettck.reference.Precision;
import dev.resnettck.reference.RefVar;
import dev.resnettck.reference.ReferenceEngine;
import dev.resnettck.reference.TorchSession;
import dev.resnettck.reference.TorchVision;
import dev.resnettck.resnet.BlockKind;
import dev.resnettck.resnet.ResNetSpec;
import dev.resnettck.tck.compare.Tolerance;
import dev.resnettck.tck.models.ModelInputs;
import dev.resnettck.tck.models.ModelWeights;
import dev.resnettck.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes a model's golden set: the reference's logits and stage samples, and the pins of its weights and input. */
final class ModelGoldenWriter {
    private ModelGoldenWriter() {
    }

    public static void generate(ResNetSpec spec, Path goldenDir, long seed) throws IOException {
        Tensor x = ModelInputs.evaluationBatch(goldenDir);
        Map<String, Tensor> weights = ModelWeights.calibrated(spec, seed, ModelInputs.calibrationBatch(goldenDir));
        Map<String, Tensor> tensors = GoldenFiles.ordered();
        List<String> names = new ArrayList<>();
        try (TorchSession torch = TorchSession.forward(Precision.FLOAT64_ROUNDED)) {
            List<RefVar> stages = new ArrayList<>();
            TorchVision.resnet(torch, ModelWeights.constants(torch, weights), torch.constant(x.data(), x.shape()),
                    spec.block() == BlockKind.BOTTLENECK, ints(spec.blocksPerStage()), ints(spec.strides()),
                    TorchVision.Norm.of(false), stages);
            List<String> stageNames = ModelGolden.stageNames(spec);
            for (int i = 0; i < stages.size(); i++) {
                String name = i == stages.size() - 1 ? "expected/logits" : "expected/sample/" + stageNames.get(i);
                float[] v = LayerGolden.floats(stages.get(i).values());
                float[] stored = i == stages.size() - 1 ? v : ModelGolden.sample(v);
                tensors.put("case-00/" + name, Tensor.of(stored, i == stages.size() - 1 ? stages.get(i).shape()
                        : new int[] {stored.length}));
                names.add(name);
            }
        }
        Map<String, String> pins = new LinkedHashMap<>();
        pins.put("weights", "ModelWeights.calibrated(" + spec.name() + ", seed " + seed + ", mirrored photos)");
        pins.put("weightsSha256", ModelWeights.sha256(weights));
        pins.put("inputSha256", ModelWeights.sha256(Map.of("input", x)));
        pins.put("photos", String.join(", ", ModelInputs.PHOTOS));
        Manifest m = new Manifest(ModelGolden.set(spec), GoldenFiles.generator(), ReferenceEngine.describe(),
                "float64 arithmetic, float32 tensors between ops", seed, Tolerance.DEFAULT + " on the logits",
                ModelGolden.set(spec) + ".safetensors", "", List.of(new Manifest.Entry("case-00", GoldenFiles.JSON.createObjectNode()
                        .put("model", spec.name()).put("batch", x.size(0)), false, false, names)), pins);
        GoldenFiles.write(goldenDir, ModelGolden.GROUP, m, tensors);
    }

    private static int[] ints(List<Integer> values) {
        return values.stream().mapToInt(Integer::intValue).toArray();
    }
}
