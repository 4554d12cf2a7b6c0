package dev.resnettck.tck.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.resnettck.data.Batches;
import dev.resnettck.data.FashionMnist;
import dev.resnettck.data.Idx;
import dev.resnettck.io.Weights;
import dev.resnettck.nn.GradMode;
import dev.resnettck.nn.Module;
import dev.resnettck.nn.StateDict;
import dev.resnettck.resnet.Init;
import dev.resnettck.resnet.ResNetSpec;
import dev.resnettck.tck.classify.Classifier;
import dev.resnettck.tck.compare.Compare;
import dev.resnettck.tck.compare.Comparison;
import dev.resnettck.tck.compare.Tolerance;
import dev.resnettck.tck.models.ModelInputs;
import dev.resnettck.tck.models.ModelWeights;
import dev.resnettck.tck.rules.SuiteContext;
import dev.resnettck.tck.spi.Implementations;
import dev.resnettck.tck.spi.TckImplementation;
import dev.resnettck.tck.suite.AllureVerdicts;
import dev.resnettck.tck.training.GateRecipe;
import dev.resnettck.tensor.Tensor;
import dev.resnettck.train.Learner;
import dev.resnettck.train.Recipe;
import io.qameta.allure.Allure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Python side, checked by real PyTorch (Debian's python3-torch 1.13, independent of DJL's
 * libtorch 2.7) through {@code interop/resnet_interop.py}, every comparison under the suite's
 * certifying rule: torchvision's models into the project, the project's weights into torchvision,
 * the golden data recomputed from its files alone, and a learner checkpoint in torchvision's resnet18.
 * Without Python's torch each check reports "not run" with the install command.
 */
class PythonInteropIT {
    static final String INSTALL = "apt-get install -y python3-torch python3-torchvision python3-numpy python3-pil "
            + "libopenblas0-pthread";
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final List<Integer> DEPTHS = List.of(18, 34, 50, 101, 152);
    private final Path root = SuiteContext.fromSystemProperties().root();
    private final Path work = root.resolve("conformance/target/interop");
    private final TckImplementation fast = Implementations.byName("fast");

    @BeforeEach
    void pythonTorchIsThere() throws Exception {
        AllureVerdicts.suites("interop", "real PyTorch (Python)", null);
        boolean present = Files.isExecutable(PYTHON) && run(List.of(PYTHON.toString(), "-c",
                "import torch, torchvision, numpy, PIL"), 120).exit == 0;
        Assumptions.assumeTrue(present, "not run: Python's PyTorch is not installed (" + INSTALL + "; ./tck test installs it)");
        Files.createDirectories(work);
    }

    @Test
    void torchvisionModelsLoadIntoTheProjectAndGiveTorchvisionsLogits() throws Exception {
        Path dir = work.resolve("from-torchvision");
        List<String> photos = photos();
        python(600, concat(List.of("export-torchvision", dir.toString()), photos));
        ObjectMapper json = new ObjectMapper();
        List<String> figures = new ArrayList<>();
        for (int depth : DEPTHS) {
            JsonNode ref = json.readTree(dir.resolve("resnet" + depth + ".logits.json").toFile());
            Classifier classifier = Classifier.load(fast, dir.resolve("resnet" + depth + ".pth"));
            float[] ours = classifier.logits(photos.stream().map(Path::of).toList());
            double[] theirs = doubles(ref.get("float64"));
            Comparison c = Compare.arrays("resnet" + depth + " logits from torchvision's torch.save", ours, theirs,
                    new int[] {photos.size(), 1000}, 0, Tolerance.DEFAULT, ref.get("noise").asDouble());
            List<List<Integer>> top5 = top5(ours, photos.size());
            figures.add(c.summary() + "; top-5 " + top5 + " (torchvision " + ref.get("top5") + ")");
            assertTrue(c.passed(), c.summary());
            assertTrue(top5Agree(top5, theirs, 1000, Tolerance.float32Bound(ref.get("noise").asDouble())),
                    "resnet" + depth + " top-5 " + top5 + ", torchvision's " + ref.get("top5"));
            assertEquals(StateDict.entries(fast.resnet(classifier.spec())).size(),
                    Weights.read(dir.resolve("resnet" + depth + ".pth")).size(), "the io API reads every entry");
        }
        attach("torchvision -> project", String.join("\n", figures));
    }

    @Test
    void theProjectsWeightsLoadIntoTorchvisionStrictlyAndGiveTheProjectsLogits() throws Exception {
        Path dir = work.resolve("from-project");
        Files.createDirectories(dir);
        List<String> photos = photos();
        Tensor calibration = ModelInputs.calibrationBatch(root.resolve("golden-data"));
        for (int depth : DEPTHS) {
            ResNetSpec spec = ResNetSpec.preset("resnet" + depth);
            Map<String, Tensor> weights = ModelWeights.calibrated(spec, depth, calibration);
            Weights.write(dir.resolve("resnet" + depth + ".pth"), weights);
            Weights.write(dir.resolve("resnet" + depth + ".safetensors"), weights);
            float[] logits = Classifier.load(fast, dir.resolve("resnet" + depth + ".pth")).logits(
                    photos.stream().map(Path::of).toList());
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("logits", logits);
            out.put("top5", top5(logits, photos.size()));
            new ObjectMapper().writeValue(dir.resolve("resnet" + depth + ".project.json").toFile(), out);
        }
        python(900, concat(List.of("check-project", dir.toString()), photos));
    }

    @Test
    void everyGoldenCaseIsRecomputedByPyTorchFromTheFilesAlone() throws Exception {
        Path weights = work.resolve("golden-model-weights");
        Files.createDirectories(weights);
        Path golden = root.resolve("golden-data");
        for (ResNetSpec spec : ResNetSpec.PRESETS) {
            JsonNode manifest = new ObjectMapper().readTree(golden.resolve("models/MODEL-" + spec.name()
                    .toUpperCase(Locale.ROOT) + ".json").toFile());
            // the model weights are not stored (tens of MB): the project's generator rebuilds them from the recorded seed
            Map<String, Tensor> w = new LinkedHashMap<>(ModelWeights.calibrated(spec, manifest.get("seed").asLong(),
                    ModelInputs.calibrationBatch(golden)));
            assertEquals(manifest.get("pins").get("weightsSha256").asText(), ModelWeights.sha256(w), "pinned weights");
            w.put("input", ModelInputs.evaluationBatch(golden));
            dev.resnettck.io.SafeTensors.write(weights.resolve(spec.name() + ".safetensors"), w, Map.of());
        }
        python(900, List.of("recompute-golden", golden.toString(), weights.toString()));

        // and the check can fail: one stored expected value moved by 0.1% (checksum re-pinned) is caught
        Path broken = work.resolve("golden-broken");
        copyGroup(golden, broken, "layers", "LAYER-LINEAR");
        Path data = broken.resolve("layers/LAYER-LINEAR.safetensors");
        Map<String, Tensor> tensors = new LinkedHashMap<>(dev.resnettck.io.SafeTensors.read(data, null));
        Tensor t = tensors.get("case-00/expected/output");
        float[] moved = t.data().clone();
        moved[0] = (float) (moved[0] * 1.001 + 1e-3);
        tensors.put("case-00/expected/output", Tensor.of(moved, t.shape()));
        dev.resnettck.io.SafeTensors.write(data, tensors, Map.of());
        Path manifest = broken.resolve("layers/LAYER-LINEAR.json");
        Files.writeString(manifest, Files.readString(manifest).replaceFirst("\"sha256\" : \"[0-9a-f]*\"",
                "\"sha256\" : \"" + dev.resnettck.tck.certify.SuiteIdentity.sha256(data) + "\""));
        Result r = run(command(List.of("recompute-golden", broken.toString(), weights.toString())), 300);
        attach("a corrupted golden value, recomputed", r.output);
        assertEquals(1, r.exit, "a moved expected value is rejected by the recomputation:\n" + r.output);
        assertTrue(r.output.contains("LAYER-LINEAR case-00 output: FAILED"), r.output);
    }

    @Test
    void aLearnerCheckpointLoadsIntoTorchvisionsResnet18AndGivesTheSameTestPredictions() throws Exception {
        String missing = FashionMnist.missing();
        Assumptions.assumeTrue(missing == null, "not run: " + missing);
        FashionMnist data = FashionMnist.load();
        Path checkpoints = work.resolve("checkpoint");
        // the gate's recipe on 1,024 training images for one epoch: a checkpoint in the learner's own format, quickly
        Recipe recipe = new Recipe(GateRecipe.MODEL, 1, 128, 1e-3, GateRecipe.SEED, 1, 28, 1);
        Module model = fast.resnet(GateRecipe.MODEL);
        Init.torchvision(model, GateRecipe.SEED);
        new Learner(recipe, model, fast.layers().crossEntropy().get(), checkpoints).fit(head(data.trainImages(), 1024),
                head(data.trainLabels(), 1024), head(data.testImages(), 256), head(data.testLabels(), 256),
                new Learner.Listener() { }, 1);
        Path checkpoint;
        try (Stream<Path> files = Files.list(checkpoints)) {
            checkpoint = files.filter(p -> p.toString().endsWith(".safetensors")).findFirst().orElseThrow();
        }
        Classifier loaded = Classifier.load(fast, checkpoint);
        assertEquals(1, loaded.spec().inChannels());
        Module fresh = fast.resnet(GateRecipe.MODEL);
        Map<String, Tensor> weights = new LinkedHashMap<>(Weights.read(checkpoint));
        weights.keySet().removeIf(k -> k.startsWith("optimizer.") || k.startsWith("history."));
        StateDict.load(fresh, weights, checkpoint.toString());
        fresh.train(false);
        int n = data.testImages().count();
        int[] predictions = new int[n];
        for (int from = 0; from < n; from += 500) {
            int[] idx = java.util.stream.IntStream.range(from, Math.min(n, from + 500)).toArray();
            Tensor x = Batches.images(data.testImages(), idx, 1, 28, Batches.MEAN, Batches.STD);
            float[] z = GradMode.noGrad(() -> fresh.forward(x)).data();
            for (int i = 0; i < idx.length; i++) {
                int best = 0;
                for (int c = 1; c < 10; c++) {
                    best = z[i * 10 + c] > z[i * 10 + best] ? c : best;
                }
                predictions[from + i] = best;
            }
        }
        Path predictionsFile = work.resolve("checkpoint-predictions.json");
        new ObjectMapper().writeValue(predictionsFile.toFile(), Map.of("predictions", predictions));
        python(900, List.of("check-checkpoint", checkpoint.toString(), FashionMnist.location().toString(),
                predictionsFile.toString()));
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private record Result(int exit, String output) {
    }

    private List<String> command(List<String> args) {
        return concat(List.of(PYTHON.toString(), root.resolve("interop/resnet_interop.py").toString()), args);
    }

    /** Runs the interop script, attaches its output, and requires exit 0 and its closing "N passed, 0 failed". */
    private void python(int seconds, List<String> args) throws Exception {
        Result r = run(command(args), seconds);
        attach("python " + String.join(" ", args.subList(0, 1)), r.output);
        System.out.println(r.output);
        assertEquals(0, r.exit, "interop/resnet_interop.py " + args.get(0) + " failed:\n" + r.output);
    }

    private Result run(List<String> command, int seconds) throws IOException, InterruptedException {
        Path log = Files.createTempFile("interop", ".log");
        Process p = new ProcessBuilder(command).directory(root.resolve("interop").toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Result(-1, "timed out after " + seconds + " s:\n" + Files.readString(log));
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        Files.delete(log);
        return new Result(p.exitValue(), output);
    }

    private List<String> photos() {
        return ModelInputs.PHOTOS.stream().map(p -> root.resolve("golden-data/images").resolve(p).toString()).toList();
    }

    private static void copyGroup(Path golden, Path to, String group, String set) throws IOException {
        Files.createDirectories(to.resolve(group));
        for (String ext : List.of(".json", ".safetensors")) {
            Files.copy(golden.resolve(group).resolve(set + ext), to.resolve(group).resolve(set + ext),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static Idx.Array head(Idx.Array a, int count) {
        int[] dims = a.dims().clone();
        int per = a.data().length / dims[0];
        dims[0] = count;
        return new Idx.Array(dims, Arrays.copyOf(a.data(), count * per));
    }

    private static List<List<Integer>> top5(float[] logits, int n) {
        int classes = logits.length / n;
        List<List<Integer>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            final int row = i;
            out.add(java.util.stream.IntStream.range(0, classes).boxed()
                    .sorted((a, b) -> Float.compare(logits[row * classes + b], logits[row * classes + a])).limit(5).toList());
        }
        return out;
    }

    /**
     * The same top-5, position by position, except where two classes' reference logits are within
     * the float32 bound of each other (a near-tie float32 may order either way).
     */
    static boolean top5Agree(List<List<Integer>> ours, double[] referenceLogits, int classes, double bound) {
        List<List<Integer>> theirs = top5(toFloats(referenceLogits), ours.size());
        for (int row = 0; row < ours.size(); row++) {
            for (int i = 0; i < 5; i++) {
                int a = ours.get(row).get(i);
                int b = theirs.get(row).get(i);
                if (a != b && Math.abs(referenceLogits[row * classes + a] - referenceLogits[row * classes + b]) > bound) {
                    return false;
                }
            }
        }
        return true;
    }

    private static float[] toFloats(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }

    private static double[] doubles(JsonNode array) {
        double[] d = new double[array.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = array.get(i).asDouble();
        }
        return d;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private static void attach(String name, String text) {
        Allure.addAttachment(name, "text/plain", text, ".txt");
    }
}
