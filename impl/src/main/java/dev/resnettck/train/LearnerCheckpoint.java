package dev.resnettck.train;

import dev.resnettck.io.FileFormatException;
import dev.resnettck.io.SafeTensors;
import dev.resnettck.nn.Module;
import dev.resnettck.nn.Parameter;
import dev.resnettck.nn.StateDict;
import dev.resnettck.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A learner's per-epoch checkpoint (a safetensors file): the model's state_dict, the optimizer's
 * state ({@code optimizer.<parameter>.<exp_avg|exp_avg_sq|step|momentum_buffer>}), the losses so far
 * ({@code history.step_losses}, {@code history.epochs} of five values per epoch) and, as metadata,
 * the recipe, the epoch and the schedule's step. Reading checks every part against the model and
 * the recipe before anything is loaded; a file that does not fit is a {@link FileFormatException}
 * naming the key and the problem.
 */
public record LearnerCheckpoint(Map<String, Tensor> weights, Map<String, float[]> optimizer, int epoch,
                                int scheduleStep, List<Double> stepLosses, List<double[]> epochs) {
    static final String OPTIMIZER = "optimizer.";
    private static final Map<String, Boolean> OPTIMIZER_STATES = Map.of(".exp_avg", true, ".exp_avg_sq", true,
            ".momentum_buffer", true, ".step", false);

    /**
     * @param model the model the weights must fit
     * @param totalSteps the schedule's length: the recorded step must lie within it
     */
    public static LearnerCheckpoint read(Path file, String recipeKey, Module model, int epochs, int totalSteps)
            throws IOException {
        Map<String, String> meta = new LinkedHashMap<>();
        Map<String, Tensor> state = SafeTensors.read(file, meta);
        if (!recipeKey.equals(meta.get("recipe"))) {
            throw new FileFormatException(file, "checkpoint of recipe " + meta.get("recipe") + ", not " + recipeKey);
        }
        int epoch = metaInt(file, meta, "epoch", 1, epochs);
        int step = metaInt(file, meta, "schedule_step", 0, totalSteps);
        Map<String, Tensor> weights = new LinkedHashMap<>();
        Map<String, float[]> opt = new LinkedHashMap<>();
        Map<String, Parameter> parameters = StateDict.parameters(model);
        for (Map.Entry<String, Tensor> e : state.entrySet()) {
            String k = e.getKey();
            if (k.startsWith(OPTIMIZER)) {
                checkOptimizerEntry(file, k, e.getValue(), parameters);
                opt.put(k.substring(OPTIMIZER.length()), e.getValue().data());
            } else if (!k.startsWith("history.")) {
                weights.put(k, e.getValue());
            }
        }
        try {
            StateDict.check(model, weights, file.toString());
        } catch (IllegalArgumentException e) {
            throw new FileFormatException(file, e.getMessage());
        }
        Tensor losses = history(file, state, "history.step_losses", step, 1);
        Tensor perEpoch = history(file, state, "history.epochs", epoch, 5);
        List<Double> stepLosses = new ArrayList<>();
        for (float f : losses.data()) {
            stepLosses.add((double) f);
        }
        List<double[]> epochValues = new ArrayList<>();
        float[] v = perEpoch.data();
        for (int i = 0; i < epoch; i++) {
            epochValues.add(new double[] {v[i * 5], v[i * 5 + 1], v[i * 5 + 2], v[i * 5 + 3], v[i * 5 + 4]});
        }
        return new LearnerCheckpoint(weights, opt, epoch, step, stepLosses, epochValues);
    }

    private static int metaInt(Path file, Map<String, String> meta, String key, int min, int max) throws FileFormatException {
        String text = meta.get(key);
        try {
            int value = Integer.parseInt(String.valueOf(text));
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new FileFormatException(file, "metadata '" + key + "' is " + (text == null ? "missing" : "'" + text + "'")
                + ", expected an integer in [" + min + ", " + max + "]");
    }

    private static void checkOptimizerEntry(Path file, String key, Tensor value, Map<String, Parameter> parameters)
            throws FileFormatException {
        for (Map.Entry<String, Boolean> s : OPTIMIZER_STATES.entrySet()) {
            if (key.endsWith(s.getKey())) {
                // "optimizer.exp_avg_sq" ends with ".exp_avg_sq" through the prefix's own dot: no name at all
                if (key.length() <= OPTIMIZER.length() + s.getKey().length()) {
                    throw new FileFormatException(file, "'" + key + "' names no parameter (expected " + OPTIMIZER
                            + "<parameter>" + s.getKey() + ")");
                }
                String name = key.substring(OPTIMIZER.length(), key.length() - s.getKey().length());
                Parameter p = parameters.get(name);
                if (p == null) {
                    throw new FileFormatException(file, "'" + key + "' is optimizer state of '" + name
                            + "', which is not a parameter of the model");
                }
                long expected = s.getValue() ? p.value().numel() : 1;
                if (value.numel() != expected) {
                    throw new FileFormatException(file, "'" + key + "' holds " + value.numel() + " values, expected " + expected);
                }
                return;
            }
        }
        throw new FileFormatException(file, "'" + key + "' is no optimizer state this learner writes (expected a suffix of "
                + OPTIMIZER_STATES.keySet() + ")");
    }

    private static Tensor history(Path file, Map<String, Tensor> state, String key, int rows, int columns)
            throws FileFormatException {
        Tensor t = state.get(key);
        if (t == null) {
            throw new FileFormatException(file, "missing '" + key + "'");
        }
        if (t.numel() != (long) rows * columns) {
            throw new FileFormatException(file, "'" + key + "' holds " + t.numel() + " values, expected " + rows + " x "
                    + columns + " for the position the metadata records");
        }
        return t;
    }
}
