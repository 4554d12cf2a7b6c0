package dev.resnettck.tck.golden;

import dev.resnettck.reference.Precision;
import dev.resnettck.reference.RefVar;
import dev.resnettck.reference.ReferenceEngine;
import dev.resnettck.reference.TorchSession;
import dev.resnettck.tck.compare.Tolerance;
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
            try (TorchSession torch = TorchSession.withGradients(Precision.FLOAT64_ROUNDED)) {
                RefVar z = torch.variable(logits, n, classes);
                RefVar loss = torch.crossEntropy(z, t);
                torch.backward(loss, new float[] {1f});
                tensors.put(name + "/logits", Tensor.of(logits, n, classes));
                tensors.put(name + "/targets", Tensor.of(targets, n));
                tensors.put(name + "/expected/loss", Tensor.of(LayerGolden.floats(loss.values())));
                tensors.put(name + "/expected/grad", Tensor.of(LayerGolden.floats(z.gradient()), n, classes));
            }
            entries.add(new Manifest.Entry(name, GoldenFiles.JSON.createObjectNode().put("n", n).put("classes", classes), true, true,
                    List.of("logits", "targets", "expected/loss", "expected/grad")));
        }
        GoldenFiles.write(goldenDir, LossGolden.GROUP, new Manifest(LossGolden.SET, GoldenFiles.generator(), ReferenceEngine.describe(),
                "float64 arithmetic, float32 tensors between ops", seed, Tolerance.DEFAULT.toString(), LossGolden.SET + ".safetensors", "",
                entries, Map.of()), tensors);
    }

}
