package dev.resnettck.train;

import dev.resnettck.data.Batches;
import dev.resnettck.data.FashionMnist;
import dev.resnettck.data.Idx;
import dev.resnettck.io.SafeTensors;
import dev.resnettck.nn.Loss;
import dev.resnettck.nn.Module;
import dev.resnettck.nn.StateDict;
import dev.resnettck.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Trains a model on FashionMNIST as torch's loop does: per epoch a seeded order of the training
 * images, per step forward, cross-entropy, backward (summed over {@code accumulation} batches),
 * Adam step, OneCycleLR step; evaluation on the test set. After each epoch a checkpoint
 * (weights, optimizer state, position, losses) is written; {@link #fit} resumes from the latest
 * one that matches the recipe, and the data order is a function of the epoch, so an interrupted
 * run continues exactly where it stopped.
 */
public final class Learner {

    /** Hears about progress (a progress bar, a log). */
    public interface Listener {
        default void batch(int epoch, int batch, int batches, double loss, double accuracy, double imagesPerSecond) {
        }

        default void epoch(int epoch, double trainLoss, double trainAccuracy, double testAccuracy) {
        }

        default void resumed(int fromEpoch, Path checkpoint) {
        }
    }

    private final Recipe recipe;
    private final Module model;
    private final Loss loss;
    private final Path checkpoints;

    /**
     * @param checkpoints folder for per-epoch checkpoints, or null for none
     */
    public Learner(Recipe recipe, Module model, Loss loss, Path checkpoints) {
        this.recipe = recipe;
        this.model = model;
        this.loss = loss;
        this.checkpoints = checkpoints;
    }

    public History fit(FashionMnist data, Listener listener) throws IOException {
        return fit(data.trainImages(), data.trainLabels(), data.testImages(), data.testLabels(), listener, recipe.epochs());
    }

    /** Trains, stopping after {@code stopAfterEpoch} epochs (to test interruption), and evaluates. */
    public History fit(Idx.Array trainImages, Idx.Array trainLabels, Idx.Array testImages, Idx.Array testLabels,
                       Listener listener, int stopAfterEpoch) throws IOException {
        long started = System.nanoTime();
        int n = trainImages.count();
        int perStep = recipe.batchSize();
        int stepsPerEpoch = stepsPerEpoch(recipe, n);
        Adam adam = Adam.withDefaults(StateDict.parameters(model), recipe.maxLr());
        OneCycleLR schedule = new OneCycleLR(adam, recipe.maxLr(), stepsPerEpoch * recipe.epochs());
        History history = new History();
        int firstEpoch = resume(adam, schedule, history, listener);
        // the last trained epoch's test pass is also the final one (the model does not change after it):
        // the gate then evaluates 10,000 images three times, not four
        int[][] confusion = null;
        double accuracy = Double.NaN;
        for (int epoch = firstEpoch; epoch < Math.min(recipe.epochs(), stopAfterEpoch); epoch++) {
            model.train(true);
            int[] order = order(recipe, epoch, n);
            double lossSum = 0;
            long correct = 0;
            long seen = 0;
            long epochStart = System.nanoTime();
            for (int step = 0; step < stepsPerEpoch; step++) {
                adam.zeroGrad();
                double stepLoss = 0;
                for (int micro = 0; micro < recipe.accumulation(); micro++) {
                    int from = (step * recipe.accumulation() + micro) * perStep;
                    int[] idx = java.util.Arrays.copyOfRange(order, from, from + perStep);
                    Tensor x = Batches.images(trainImages, idx, recipe.inputChannels(), recipe.inputSize(), Batches.MEAN,
                            Batches.STD);
                    int[] y = Batches.labels(trainLabels, idx);
                    Tensor logits = model.forward(x);
                    double l = loss.forward(logits, y);
                    correct += Metrics.correct(logits, y);
                    seen += y.length;
                    stepLoss += l / recipe.accumulation();
                    Tensor g = loss.backward();
                    if (recipe.accumulation() > 1) {
                        g = Metrics.scale(g, 1.0 / recipe.accumulation());
                    }
                    model.backward(g, false);
                }
                adam.step();
                schedule.step();
                history.step(stepLoss);
                lossSum += stepLoss;
                double elapsed = (System.nanoTime() - epochStart) / 1e9;
                listener.batch(epoch, step, stepsPerEpoch, stepLoss, (double) correct / seen, seen / elapsed);
            }
            confusion = new int[FashionMnist.CLASSES][FashionMnist.CLASSES];
            double testAccuracy = Metrics.evaluate(model, testImages, testLabels, recipe, confusion);
            accuracy = testAccuracy;
            history.epoch(epoch, lossSum / stepsPerEpoch, (double) correct / seen, testAccuracy,
                    (System.nanoTime() - epochStart) / 1e9);
            listener.epoch(epoch, lossSum / stepsPerEpoch, (double) correct / seen, testAccuracy);
            save(epoch, adam, schedule, history);
        }
        if (confusion == null) { // every epoch was resumed from a checkpoint
            confusion = new int[FashionMnist.CLASSES][FashionMnist.CLASSES];
            accuracy = Metrics.evaluate(model, testImages, testLabels, recipe, confusion);
        }
        history.finish(accuracy, confusion, (System.nanoTime() - started) / 1e9);
        return history;
    }

    /** The training images' order in an epoch: a permutation seeded by the recipe's seed and the epoch. */
    public static int[] order(Recipe recipe, int epoch, int n) {
        return Batches.shuffled(n, recipe.seed() * 1_000_003L + epoch);
    }

    /** Optimizer steps per epoch: the last partial batch is dropped, as a DataLoader with drop_last does. */
    public static int stepsPerEpoch(Recipe recipe, int n) {
        return n / (recipe.batchSize() * recipe.accumulation());
    }

    private Path checkpoint(int epoch) {
        return checkpoints.resolve(recipe.key() + "-epoch" + (epoch + 1) + ".safetensors");
    }

    private void save(int epoch, Optimizer optimizer, OneCycleLR schedule, History history) throws IOException {
        if (checkpoints == null) {
            return;
        }
        Map<String, Tensor> state = new LinkedHashMap<>(StateDict.entries(model));
        optimizer.state().forEach((k, v) -> state.put("optimizer." + k, Tensor.of(v.clone(), v.length)));
        List<Double> losses = history.stepLosses();
        float[] l = new float[losses.size()];
        for (int i = 0; i < l.length; i++) {
            l[i] = losses.get(i).floatValue();
        }
        state.put("history.step_losses", Tensor.of(l, l.length));
        double[][] epochs = history.epochs().toArray(new double[0][]);
        float[] e = new float[epochs.length * 5];
        for (int i = 0; i < epochs.length; i++) {
            for (int j = 0; j < 5; j++) {
                e[i * 5 + j] = (float) epochs[i][j];
            }
        }
        state.put("history.epochs", Tensor.of(e, epochs.length, 5));
        Files.createDirectories(checkpoints);
        Path tmp = checkpoint(epoch).resolveSibling(checkpoint(epoch).getFileName() + ".tmp");
        SafeTensors.write(tmp, state, Map.of("recipe", recipe.key(), "epoch", Integer.toString(epoch + 1),
                "schedule_step", Integer.toString(schedule.stepNumber())));
        Files.move(tmp, checkpoint(epoch), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** Loads the latest matching checkpoint, if any; returns the first epoch still to train. */
    private int resume(Optimizer optimizer, OneCycleLR schedule, History history, Listener listener) throws IOException {
        if (checkpoints == null) {
            return 0;
        }
        for (int epoch = recipe.epochs() - 1; epoch >= 0; epoch--) {
            Path file = checkpoint(epoch);
            if (!Files.isRegularFile(file)) {
                continue;
            }
            LearnerCheckpoint saved = LearnerCheckpoint.read(file, recipe.key(), model, recipe.epochs(), schedule.totalSteps());
            if (saved.epoch() != epoch + 1) {
                throw new dev.resnettck.io.FileFormatException(file, "metadata says epoch " + saved.epoch() + ", the name "
                        + (epoch + 1));
            }
            StateDict.load(model, saved.weights(), file.toString());
            optimizer.load(saved.optimizer());
            schedule.seek(saved.scheduleStep());
            history.restoreSteps(saved.stepLosses());
            saved.epochs().forEach(history::epoch);
            listener.resumed(epoch + 1, file);
            return epoch + 1;
        }
        return 0;
    }
}
