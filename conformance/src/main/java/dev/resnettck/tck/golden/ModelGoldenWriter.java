package dev.resnettck.tck.golden;

import dev.resnettck.reference.Precision;
import dev.resnettck.reference.ReferenceEngine;
import dev.resnettck.resnet.ResNetSpec;
import dev.resnettck.tck.compare.Float32Noise;
import dev.resnettck.tck.compare.Tolerance;
import dev.resnettck.tck.models.ModelInputs;
import dev.resnettck.tck.models.ReferenceResNet;
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
        List<ReferenceResNet.Stage> stages = ReferenceResNet.stages(spec, weights, x, Precision.FLOAT64_ROUNDED);
        List<ReferenceResNet.Stage> float32 = ReferenceResNet.stages(spec, weights, x, Precision.FLOAT32);
        List<String> stageNames = ModelGolden.stageNames(spec);
        for (int i = 0; i < stages.size(); i++) {
            boolean logits = i == stages.size() - 1;
            String name = logits ? "logits" : "sample/" + stageNames.get(i);
            float[] stored = stored(stages.get(i).values(), logits);
            float[] stored32 = stored(float32.get(i).values(), logits);
            tensors.put("case-00/expected/" + name, Tensor.of(stored, logits ? stages.get(i).shape()
                    : new int[] {stored.length}));
            tensors.put("case-00/float32-noise/" + name, Tensor.of(new float[] {LayerGolden.noiseAsFloat(
                    Float32Noise.of(ModelGolden.doubles(stored), ModelGolden.doubles(stored32)))}, 1));
            names.add("expected/" + name);
            names.add("float32-noise/" + name);
        }
        Map<String, String> pins = new LinkedHashMap<>();
        pins.put("weights", "ModelWeights.calibrated(" + spec.name() + ", seed " + seed + ", mirrored photos)");
        pins.put("weightsSha256", ModelWeights.sha256(weights));
        pins.put("inputSha256", ModelWeights.sha256(Map.of("input", x)));
        pins.put("photos", String.join(", ", ModelInputs.PHOTOS));
        Manifest m = new Manifest(ModelGolden.set(spec), GoldenFiles.generator(), ReferenceEngine.describe(),
                "float64 arithmetic, float32 tensors between ops", seed, Tolerance.certifyingRule() + ", on the logits",
                ModelGolden.set(spec) + ".safetensors", "", List.of(new Manifest.Entry("case-00", GoldenFiles.JSON.createObjectNode()
                        .put("model", spec.name()).put("batch", x.size(0)), false, false, names)), pins);
        GoldenFiles.write(goldenDir, ModelGolden.GROUP, m, tensors);
    }

    private static float[] stored(double[] values, boolean logits) {
        float[] v = LayerGolden.floats(values);
        return logits ? v : ModelGolden.sample(v);
    }
}
