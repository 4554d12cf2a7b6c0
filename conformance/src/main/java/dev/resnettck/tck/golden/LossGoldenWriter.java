package dev.resnettck.tck.golden;

import dev.resnettck.reference.Precision;
import dev.resnettck.reference.ReferenceEngine;
import dev.resnettck.tck.compare.Float32Noise;
import dev.resnettck.tck.compare.Tolerance;
import dev.resnettck.tck.layers.LossCheck;
import dev.resnettck.tck.layers.ValueProfile;
import dev.resnettck.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Writes the cross-entropy golden set: logits and targets of several shapes and ranges, with torch's loss and gradient. */
final class LossGoldenWriter {
    private LossGoldenWriter() {
    }

    public static void generate(Path goldenDir, long seed) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        ValueProfile[] profiles = {ValueProfile.NORMAL, ValueProfile.LARGE, ValueProfile.TINY, ValueProfile.ZEROS};
        java.util.Map<String, Tensor> tensors = GoldenFiles.ordered();
        List<Manifest.Entry> entries = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            int n = 1 + r.nextInt(8);
            int classes = 1 + r.nextInt(12);
            float[] logits = profiles[i % profiles.length].fill(r, n * classes, 1);
            float[] targets = new float[n];
            int[] t = new int[n];
            for (int k = 0; k < n; k++) {
                t[k] = r.nextInt(classes);
                targets[k] = t[k];
            }
            String name = String.format("case-%02d", i);
            double[][] ref = LossCheck.reference(logits, n, classes, t, Precision.FLOAT64_ROUNDED);
            double[][] ref32 = LossCheck.reference(logits, n, classes, t, Precision.FLOAT32);
            tensors.put(name + "/logits", Tensor.of(logits, n, classes));
            tensors.put(name + "/targets", Tensor.of(targets, n));
            tensors.put(name + "/expected/loss", Tensor.of(LayerGolden.floats(ref[0])));
            tensors.put(name + "/expected/grad", Tensor.of(LayerGolden.floats(ref[1]), n, classes));
            tensors.put(name + "/float32-noise/loss", Tensor.of(new float[] {LayerGolden.noiseAsFloat(
                    Float32Noise.of(ref[0], ref32[0]))}, 1));
            tensors.put(name + "/float32-noise/grad", Tensor.of(new float[] {LayerGolden.noiseAsFloat(
                    Float32Noise.of(ref[1], ref32[1]))}, 1));
            entries.add(new Manifest.Entry(name, GoldenFiles.JSON.createObjectNode().put("n", n).put("classes", classes), true, true,
                    List.of("logits", "targets", "expected/loss", "expected/grad", "float32-noise/loss",
                            "float32-noise/grad")));
        }
        GoldenFiles.write(goldenDir, LossGolden.GROUP, new Manifest(LossGolden.SET, GoldenFiles.generator(), ReferenceEngine.describe(),
                "float64 arithmetic, float32 tensors between ops", seed, Tolerance.certifyingRule(), LossGolden.SET + ".safetensors", "",
                entries, Map.of()), tensors);
    }

}
