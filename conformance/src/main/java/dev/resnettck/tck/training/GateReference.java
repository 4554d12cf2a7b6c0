package dev.resnettck.tck.training;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.resnettck.data.Batches;
import dev.resnettck.data.FashionMnist;
import dev.resnettck.nn.Module;
import dev.resnettck.nn.StateDict;
import dev.resnettck.reference.Precision;
import dev.resnettck.reference.ReferenceEngine;
import dev.resnettck.reference.TorchOneCycle;
import dev.resnettck.reference.TorchTrainer;
import dev.resnettck.resnet.Init;
import dev.resnettck.tck.builtin.PlainImplementation;
import dev.resnettck.tensor.Tensor;
import dev.resnettck.train.Learner;
import dev.resnettck.train.Recipe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The gate's reference accuracy: the same recipe, initial weights and data order trained by torch
 * (libtorch through DJL, float32, torch.optim.Adam's update and OneCycleLR's schedule), recorded in
 * golden-data/gate/reference.json by {@code ./tck golden --gate}.
 */
public final class GateReference {
    public static final String FILE = "gate/reference.json";

    /** What the reference measured. */
    public record Result(String recipe, double testAccuracy, List<Double> epochTestAccuracy, double seconds,
                         String libtorch, String djl, List<Double> firstLosses) {
    }

    private GateReference() {
    }

    public static Result read(Path goldenDir) throws IOException {
        Path file = goldenDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + " is missing: record the reference accuracy with ./tck golden --gate");
        }
        Result r = new ObjectMapper().readValue(file.toFile(), Result.class);
        if (!GateRecipe.RECIPE.key().equals(r.recipe())) {
            throw new IOException(file + " was recorded for recipe " + r.recipe() + ", not " + GateRecipe.RECIPE.key()
                    + ": re-record it with ./tck golden --gate");
        }
        return r;
    }

    /** Trains the reference for the recipe and writes the result; {@code progress} hears one line per event. */
    public static Result record(Path goldenDir, Consumer<String> progress) throws IOException {
        ReferenceEngine.unavailableReason().ifPresent(reason -> {
            throw new IllegalStateException("the gate's reference needs DJL and libtorch: " + reason);
        });
        FashionMnist data = FashionMnist.load();
        Recipe recipe = GateRecipe.RECIPE;
        Module init = new PlainImplementation().resnet(recipe.spec());
        Init.torchvision(init, recipe.seed());
        Map<String, float[]> values = new LinkedHashMap<>();
        Map<String, int[]> shapes = new LinkedHashMap<>();
        StateDict.entries(init).forEach((k, v) -> {
            values.put(k, v.data().clone());
            shapes.put(k, v.shape());
        });
        int n = data.trainImages().count();
        int steps = Learner.stepsPerEpoch(recipe, n);
        int total = steps * recipe.epochs();
        long start = System.nanoTime();
        List<Double> epochAccuracy = new ArrayList<>();
        List<Double> firstLosses = new ArrayList<>();
        double accuracy;
        try (TorchTrainer torch = new TorchTrainer(values, shapes, StateDict.parameters(init).keySet(), false,
                new int[] {2, 2, 2, 2}, new int[] {1, 2, 2, 2}, Precision.FLOAT32)) {
            int global = 0;
            for (int epoch = 0; epoch < recipe.epochs(); epoch++) {
                int[] order = Learner.order(recipe, epoch, n);
                for (int step = 0; step < steps; step++, global++) {
                    int[] idx = java.util.Arrays.copyOfRange(order, step * recipe.batchSize(), (step + 1) * recipe.batchSize());
                    Tensor x = Batches.images(data.trainImages(), idx, 1, 28, Batches.MEAN, Batches.STD);
                    torch.zeroGrad();
                    double loss = torch.accumulate(x.data(), x.shape(), Batches.labels(data.trainLabels(), idx), 1.0);
                    if (firstLosses.size() < 20) {
                        firstLosses.add(loss);
                    }
                    double[] s = TorchOneCycle.at(global, recipe.maxLr(), total, 0.3, 25, 1e4, 0.85, 0.95);
                    torch.adamStep(s[0], s[1], 0.999, 1e-8, 0);
                    if (step % 50 == 0) {
                        progress.accept(String.format("reference epoch %d step %d/%d loss %.4f (%.0f s)", epoch + 1, step,
                                steps, loss, (System.nanoTime() - start) / 1e9));
                    }
                }
                accuracy = evaluate(torch, data);
                epochAccuracy.add(accuracy);
                progress.accept(String.format("reference epoch %d: test accuracy %.4f", epoch + 1, accuracy));
            }
            accuracy = epochAccuracy.get(epochAccuracy.size() - 1);
        }
        Result result = new Result(recipe.key(), accuracy, epochAccuracy, (System.nanoTime() - start) / 1e9,
                ReferenceEngine.libtorchVersion(), ReferenceEngine.djlVersion(), firstLosses);
        Path file = goldenDir.resolve(FILE);
        Files.createDirectories(file.getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), result);
        return result;
    }

    private static double evaluate(TorchTrainer torch, FashionMnist data) {
        int n = data.testImages().count();
        long right = 0;
        for (int from = 0; from < n; from += 500) {
            int[] idx = new int[Math.min(500, n - from)];
            for (int i = 0; i < idx.length; i++) {
                idx[i] = from + i;
            }
            Tensor x = Batches.images(data.testImages(), idx, 1, 28, Batches.MEAN, Batches.STD);
            double[] logits = torch.logits(x.data(), x.shape());
            int[] y = Batches.labels(data.testLabels(), idx);
            for (int i = 0; i < idx.length; i++) {
                int best = 0;
                for (int k = 1; k < 10; k++) {
                    best = logits[i * 10 + k] > logits[i * 10 + best] ? k : best;
                }
                right += best == y[i] ? 1 : 0;
            }
        }
        return (double) right / n;
    }
}
