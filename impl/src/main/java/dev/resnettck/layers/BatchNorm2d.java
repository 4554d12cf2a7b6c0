package dev.resnettck.layers;

import dev.resnettck.kernels.BatchNormKernels;
import dev.resnettck.kernels.BatchNormKernels.BatchStats;
import dev.resnettck.kernels.Epilogue;
import dev.resnettck.nn.BatchNorm2dOptions;
import dev.resnettck.nn.GradMode;
import dev.resnettck.nn.Module;
import dev.resnettck.nn.Parameter;
import dev.resnettck.tensor.Shapes;
import dev.resnettck.tensor.Tensor;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code torch.nn.BatchNorm2d}: parameters {@code weight}, {@code bias}; buffers
 * {@code running_mean}, {@code running_var}, {@code num_batches_tracked}. Training mode normalises
 * with the biased batch variance and moves the running statistics by {@code momentum} towards the
 * batch mean and the unbiased batch variance; evaluation mode uses the running statistics.
 */
public final class BatchNorm2d implements Module {
    private final BatchNorm2dOptions options;
    private final BatchNormKernels kernels;
    private final Parameter weight;
    private final Parameter bias;
    private final Tensor runningMean;
    private final Tensor runningVar;
    private final Tensor numBatchesTracked;
    private boolean training = true;
    private Tensor input;
    private BatchStats stats;
    private boolean statsFromBatch;

    public BatchNorm2d(BatchNorm2dOptions options, BatchNormKernels kernels) {
        int c = options.numFeatures();
        this.options = options;
        this.kernels = kernels;
        this.weight = Parameter.filled(1f, c);
        this.bias = Parameter.zeros(c);
        this.runningMean = Tensor.zeros(c);
        this.runningVar = Parameter.filled(1f, c).value();
        this.numBatchesTracked = Tensor.scalar(0f);
    }

    @Override
    public Tensor forward(Tensor x) {
        Shapes.requireRank(x, 4, "BatchNorm2d", "(N, C, H, W)");
        int c = options.numFeatures();
        if (x.size(1) != c) {
            throw new IllegalArgumentException("BatchNorm2d: input has " + x.size(1) + " channels but num_features is " + c
                    + " (input shape " + Shapes.format(x.shape()) + ")");
        }
        input = GradMode.isEnabled() ? x : null;
        statsFromBatch = training;
        if (!training) {
            stats = runningStats();
            return kernels.forwardEval(x, weight.value().data(), bias.value().data(), runningMean.data(),
                    runningVar.data(), options.eps());
        }
        long count = (long) x.size(0) * x.size(2) * x.size(3);
        if (count <= 1) {
            throw new IllegalArgumentException("BatchNorm2d: expected more than 1 value per channel when training, got input shape "
                    + Shapes.format(x.shape()));
        }
        stats = new BatchStats(new double[c], new double[c]);
        Tensor y = kernels.forwardTraining(x, weight.value().data(), bias.value().data(), options.eps(), stats);
        updateRunningStats(count);
        return y;
    }

    private void updateRunningStats(long count) {
        float[] mean = runningMean.data();
        float[] var = runningVar.data();
        double m = options.momentum();
        for (int ch = 0; ch < mean.length; ch++) {
            double unbiased = stats.variance()[ch] * count / (count - 1);
            mean[ch] = (float) ((1 - m) * mean[ch] + m * stats.mean()[ch]);
            var[ch] = (float) ((1 - m) * var[ch] + m * unbiased);
        }
        numBatchesTracked.data()[0] += 1f;
    }

    /**
     * This layer's evaluation-mode map for a convolution to apply as it writes {@code channels}
     * channels, or null when it cannot stand in for {@link #forward} (training, another channel
     * count, kernels that compute the map another way).
     */
    Epilogue inferenceEpilogue(int channels) {
        if (training || channels != options.numFeatures()) {
            return null;
        }
        return kernels.evalEpilogue(weight.value().data(), bias.value().data(), runningMean.data(), runningVar.data(),
                options.eps());
    }

    /** A convolution applied this layer in its own pass (inference): the state an evaluation forward leaves. */
    void skipped() {
        input = null;
        statsFromBatch = false;
        stats = runningStats();
    }

    private BatchStats runningStats() {
        double[] mean = new double[options.numFeatures()];
        double[] var = new double[options.numFeatures()];
        for (int ch = 0; ch < mean.length; ch++) {
            mean[ch] = runningMean.data()[ch];
            var[ch] = runningVar.data()[ch];
        }
        return new BatchStats(mean, var);
    }

    @Override
    public Tensor backward(Tensor gradOutput) {
        LayerState.requireForward(input, "BatchNorm2d");
        int c = options.numFeatures();
        float[] gradGamma = new float[c];
        float[] gradBeta = new float[c];
        Tensor dx = kernels.backward(gradOutput, input, weight.value().data(), stats, options.eps(),
                statsFromBatch, gradGamma, gradBeta);
        weight.accumulateGrad(gradGamma);
        bias.accumulateGrad(gradBeta);
        return dx;
    }

    @Override
    public Map<String, Parameter> parameters() {
        Map<String, Parameter> p = new LinkedHashMap<>();
        p.put("weight", weight);
        p.put("bias", bias);
        return p;
    }

    @Override
    public Map<String, Tensor> buffers() {
        Map<String, Tensor> b = new LinkedHashMap<>();
        b.put("running_mean", runningMean);
        b.put("running_var", runningVar);
        b.put("num_batches_tracked", numBatchesTracked);
        return b;
    }

    @Override
    public void train(boolean training) {
        this.training = training;
    }

    /** Resets running statistics to torch's initial values (mean 0, var 1, count 0). */
    public void resetRunningStats() {
        Arrays.fill(runningMean.data(), 0f);
        Arrays.fill(runningVar.data(), 1f);
        numBatchesTracked.data()[0] = 0f;
    }
}
