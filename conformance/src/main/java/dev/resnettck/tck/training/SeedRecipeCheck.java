package dev.resnettck.tck.training;

import dev.resnettck.data.Batches;
import dev.resnettck.data.FashionMnist;
import dev.resnettck.data.ImageNetTransform;
import dev.resnettck.io.Weights;
import dev.resnettck.nn.LinearOptions;
import dev.resnettck.nn.Loss;
import dev.resnettck.nn.Module;
import dev.resnettck.nn.Parameter;
import dev.resnettck.nn.Sequential;
import dev.resnettck.nn.StateDict;
import dev.resnettck.resnet.Init;
import dev.resnettck.resnet.ResNetSpec;
import dev.resnettck.tck.rules.Check;
import dev.resnettck.tck.rules.Evidence;
import dev.resnettck.tck.rules.Level;
import dev.resnettck.tck.rules.Rule;
import dev.resnettck.tck.rules.SuiteContext;
import dev.resnettck.tck.rules.Verdict;
import dev.resnettck.tck.spi.Capability;
import dev.resnettck.tck.spi.TckImplementation;
import dev.resnettck.tensor.Tensor;
import dev.resnettck.train.Adam;
import dev.resnettck.train.Metrics;
import dev.resnettck.train.OneCycleLR;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The seed's own recipe, opt-in: torchvision's pretrained ResNet34 (the user supplies the file with
 * {@code -Dtck.seed.weights=resnet34-b627a593.pth}), backbone frozen, a new 10-class head,
 * FashionMNIST resized 28 to 224 with the channel repeated three times and ImageNet's normalisation,
 * Adam lr 1e-3 under OneCycleLR peaking at 1e-2, batch 64, 3 epochs on 80% of the training set;
 * validation accuracy on the other 20% must reach the seed's 86.3%. Only the head learns, so only
 * its backward runs (torch builds no graph through frozen layers).
 */
public final class SeedRecipeCheck implements Check {
    static final double SEED_ACCURACY = 0.863;
    private final Rule rule = new Rule("GATE-SEED-RESNET34", Level.OPTIONAL, "gate",
            "the seed's fine-tune of pretrained ResNet34 reaches its 86.3% validation accuracy (needs the weights file)",
            Rule.Source.SELF, Set.of(Capability.BACKWARD, Capability.TRAINING),
            "the weights file (torchvision's resnet34 state_dict), the 224 resize and ImageNet normalisation").takingMinutes();

    @Override
    public Rule rule() {
        return rule;
    }

    @Override
    public Verdict run(TckImplementation impl, SuiteContext context) throws IOException {
        String weights = System.getProperty("tck.seed.weights");
        if (weights == null || weights.isBlank()) {
            return new Verdict.NotRun("no pretrained weights: pass torchvision's ResNet34 state_dict with "
                    + "-Dtck.seed.weights=/path/to/resnet34-b627a593.pth (no model download is reachable here)", new Evidence());
        }
        Path file = Path.of(weights);
        if (!Files.isRegularFile(file)) {
            return new Verdict.Error("-Dtck.seed.weights names " + file + ", which is not a file", "", new Evidence());
        }
        String missing = TrainingData.missing();
        if (missing != null) {
            return new Verdict.Error(missing, "", new Evidence());
        }
        FashionMnist data = TrainingData.get();
        Sequential pretrained = (Sequential) impl.resnet(ResNetSpec.RESNET34);
        StateDict.load(pretrained, Weights.read(file), file.toString());
        Module head = impl.layers().linear().apply(new LinearOptions(512, 10, true));
        Init.torchvision(head, GateRecipe.SEED);
        Sequential model = pretrained.with("fc", head);
        Map<String, Parameter> params = StateDict.parameters(model);
        params.forEach((k, p) -> p.requiresGrad(k.startsWith("fc.")));
        int limit = Integer.getInteger("tck.seed.limit", Integer.MAX_VALUE);
        int[][] split = Batches.split(data.trainImages().count(), 0.8, GateRecipe.SEED);
        int[] train = java.util.Arrays.copyOf(split[0], Math.min(limit, split[0].length));
        int[] validation = java.util.Arrays.copyOf(split[1], Math.min(limit, split[1].length));
        int batch = 64;
        int epochs = 3;
        int steps = train.length / batch;
        Adam adam = Adam.withDefaults(params, 1e-3);
        OneCycleLR schedule = new OneCycleLR(adam, 1e-2, Math.max(1, steps * epochs));
        Loss loss = impl.layers().crossEntropy().get();
        long start = System.nanoTime();
        for (int epoch = 0; epoch < epochs; epoch++) {
            model.train(true);
            int[] order = Batches.shuffled(train.length, GateRecipe.SEED + epoch);
            for (int step = 0; step < steps; step++) {
                int[] idx = new int[batch];
                for (int i = 0; i < batch; i++) {
                    idx[i] = train[order[step * batch + i]];
                }
                adam.zeroGrad();
                loss.forward(model.forward(images(data, idx)), Batches.labels(data.trainLabels(), idx));
                head.backward(loss.backward(), false);
                adam.step();
                schedule.step();
            }
        }
        model.train(false);
        long right = 0;
        for (int from = 0; from < validation.length; from += batch) {
            int[] idx = java.util.Arrays.copyOfRange(validation, from, Math.min(validation.length, from + batch));
            right += Metrics.correct(model.forward(images(data, idx)), Batches.labels(data.trainLabels(), idx));
        }
        double accuracy = (double) right / validation.length;
        Evidence e = new Evidence();
        e.fact("validation accuracy", String.format(Locale.ROOT, "%.4f on %d images", accuracy, validation.length));
        e.fact("wall time", String.format(Locale.ROOT, "%.0f s", (System.nanoTime() - start) / 1e9));
        return accuracy >= SEED_ACCURACY ? new Verdict.Pass(e)
                : new Verdict.Fail(String.format(Locale.ROOT, "validation accuracy %.4f is below the seed's %.3f", accuracy,
                        SEED_ACCURACY), "", e);
    }

    /** 28x28 resized to 224 (bilinear), the channel repeated three times, ImageNet's mean and std per channel. */
    private static Tensor images(FashionMnist data, int[] idx) {
        Tensor x = Batches.images(data.trainImages(), idx, 3, 224, 0f, 1f);
        float[] v = x.data();
        int plane = 224 * 224;
        for (int i = 0; i < idx.length; i++) {
            for (int c = 0; c < 3; c++) {
                for (int k = 0; k < plane; k++) {
                    int at = (i * 3 + c) * plane + k;
                    v[at] = (v[at] - ImageNetTransform.MEAN[c]) / ImageNetTransform.STD[c];
                }
            }
        }
        return x;
    }
}
