package dev.resnettck.tck.spi;

/** What a check may need beyond forward passes; an implementation declares the ones it lacks. */
public enum Capability {
    /** Layer and block backward passes: gradients for inputs and parameters. */
    BACKWARD,
    /** Whole ResNets at ImageNet scale. */
    MODELS,
    /** Optimizer steps and the FashionMNIST fine-tune gate (needs BACKWARD). */
    TRAINING
}
