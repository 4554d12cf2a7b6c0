package dev.resnettck.train;

import dev.resnettck.resnet.ResNetSpec;

/**
 * A training recipe: the model, epochs, batch size, Adam with OneCycleLR peaking at {@code maxLr},
 * the seed of the initialisation and of the data order, how many batches each optimizer step
 * accumulates, and the input size (28 keeps FashionMNIST's own; 224 resizes as the seed's recipe does).
 */
public record Recipe(ResNetSpec spec, int epochs, int batchSize, double maxLr, long seed, int accumulation,
                     int inputSize, int inputChannels) {

    public Recipe {
        if (epochs <= 0 || batchSize <= 0 || accumulation <= 0 || !(maxLr > 0)) {
            throw new IllegalArgumentException("Recipe: epochs " + epochs + ", batch size " + batchSize + ", accumulation "
                    + accumulation + " and max_lr " + maxLr + " must be positive");
        }
    }

    /** A key that changes whenever anything that shapes the training changes (checkpoints are matched by it). */
    public String key() {
        return spec.name() + "-" + spec.inChannels() + "ch-" + spec.numClasses() + "cls-e" + epochs + "-b" + batchSize
                + "-lr" + maxLr + "-s" + seed + "-acc" + accumulation + "-in" + inputSize + "x" + inputChannels;
    }
}
