package dev.resnettck.tck.training;

import dev.resnettck.resnet.ResNetSpec;
import dev.resnettck.train.Recipe;

/**
 * The FashionMNIST gate's recipe: torchvision's ResNet18 with a 1-channel input and 10 classes
 * (7x7/2 stem and 3x3/2 max pool, as torchvision lays it out), torchvision's initialisation from a
 * fixed seed, 28x28 inputs normalised with FashionMNIST's mean and std, no augmentation, Adam with
 * OneCycleLR peaking at 1e-3, batch 128, 3 epochs over the 60,000 training images in a seeded
 * order, evaluated on the 10,000 test images. The seed is fixed once and never tuned to pass.
 */
public final class GateRecipe {
    public static final ResNetSpec MODEL = ResNetSpec.RESNET18.withInChannels(1).withNumClasses(10);
    public static final long SEED = 20261127L;
    public static final Recipe RECIPE = new Recipe(MODEL, 3, 128, 1e-3, SEED, 1, 28, 1);
    /** The gate passes at this test accuracy or above... */
    public static final double MIN_ACCURACY = 0.90;
    /** ...and no more than this below the reference's accuracy for the same recipe, seed and order. */
    public static final double MAX_BELOW_REFERENCE = 0.01;

    private GateRecipe() {
    }
}
