package dev.resnettck.train;

import java.util.Map;

/**
 * A torch optimizer over one parameter group: {@link #step()} updates every parameter that has a
 * gradient (frozen parameters, {@code requires_grad_(False)}, are left alone, as torch skips
 * parameters whose grad is None).
 */
public interface Optimizer {

    void step();

    /** Sets every gradient to zero (torch's {@code zero_grad(set_to_none=False)}). */
    void zeroGrad();

    double lr();

    void lr(double lr);

    /** The value OneCycleLR cycles: SGD's momentum, Adam's beta1. */
    double momentum();

    void momentum(double momentum);

    /** Optimizer state per parameter key (momentum buffers, moments) and "step", for checkpoints. */
    Map<String, float[]> state();

    /** Restores what {@link #state()} returned. */
    void load(Map<String, float[]> state);
}
