package dev.resnettck.train;

/**
 * {@code torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr, total_steps)} with torch's defaults:
 * pct_start 0.3, cosine annealing, div_factor 25, final_div_factor 1e4, two phases, and momentum
 * (Adam's beta1) cycled between max_momentum 0.95 and base_momentum 0.85. Like torch, construction
 * sets step 0's values; call {@link #step()} after each optimizer step.
 */
public final class OneCycleLR {
    private final Optimizer optimizer;
    private final int totalSteps;
    private final double initialLr;
    private final double maxLr;
    private final double minLr;
    private final double phaseOneEnd;
    private final double baseMomentum;
    private final double maxMomentum;
    private int stepNumber;

    public OneCycleLR(Optimizer optimizer, double maxLr, int totalSteps) {
        this(optimizer, maxLr, totalSteps, 0.3, 25, 1e4, 0.85, 0.95);
    }

    public OneCycleLR(Optimizer optimizer, double maxLr, int totalSteps, double pctStart, double divFactor,
                      double finalDivFactor, double baseMomentum, double maxMomentum) {
        if (totalSteps <= 0) {
            throw new IllegalArgumentException("OneCycleLR: total_steps must be positive, got " + totalSteps);
        }
        if (!(pctStart >= 0 && pctStart <= 1)) {
            throw new IllegalArgumentException("OneCycleLR: pct_start must be in [0, 1], got " + pctStart);
        }
        this.optimizer = optimizer;
        this.totalSteps = totalSteps;
        this.maxLr = maxLr;
        this.initialLr = maxLr / divFactor;
        this.minLr = initialLr / finalDivFactor;
        this.phaseOneEnd = pctStart * totalSteps - 1;
        this.baseMomentum = baseMomentum;
        this.maxMomentum = maxMomentum;
        apply();
    }

    /** Moves to the next step; stepping past total_steps is an error, as in torch. */
    public void step() {
        if (stepNumber + 1 > totalSteps) {
            throw new IllegalStateException("OneCycleLR: tried to step " + (stepNumber + 1) + " times; total_steps is "
                    + totalSteps);
        }
        stepNumber++;
        apply();
    }

    public int stepNumber() {
        return stepNumber;
    }

    /** Restores the position after a resume. */
    public int totalSteps() {
        return totalSteps;
    }

    public void seek(int step) {
        this.stepNumber = step;
        apply();
    }

    private void apply() {
        double lr;
        double momentum;
        if (stepNumber <= phaseOneEnd) {
            double pct = stepNumber / phaseOneEnd;
            lr = anneal(initialLr, maxLr, pct);
            momentum = anneal(maxMomentum, baseMomentum, pct);
        } else {
            double pct = (stepNumber - phaseOneEnd) / (totalSteps - 1 - phaseOneEnd);
            lr = anneal(maxLr, minLr, pct);
            momentum = anneal(baseMomentum, maxMomentum, pct);
        }
        optimizer.lr(lr);
        optimizer.momentum(momentum);
    }

    /** torch's {@code _annealing_cos}: from start at pct 0 to end at pct 1 along half a cosine. */
    static double anneal(double start, double end, double pct) {
        double cosOut = Math.cos(Math.PI * pct) + 1;
        return end + (start - end) / 2.0 * cosOut;
    }
}
