package dev.resnettck.reference;

/**
 * torch.optim.lr_scheduler.OneCycleLR's schedule, ported line by line from torch 2.7's
 * {@code get_lr} (two phases, cosine annealing, cycle_momentum): the learning rate and the cycled
 * momentum (Adam's beta1) at each step, for checking an implementation's scheduler.
 */
public final class TorchOneCycle {
    private TorchOneCycle() {
    }

    /** {lr, momentum} at {@code step} (0 = after construction). */
    public static double[] at(int step, double maxLr, int totalSteps, double pctStart, double divFactor,
                              double finalDivFactor, double baseMomentum, double maxMomentum) {
        double initialLr = maxLr / divFactor;
        double minLr = initialLr / finalDivFactor;
        double[][] phases = {
            {pctStart * totalSteps - 1, initialLr, maxLr, maxMomentum, baseMomentum},
            {totalSteps - 1, maxLr, minLr, baseMomentum, maxMomentum},
        };
        double startStep = 0;
        for (int i = 0; i < phases.length; i++) {
            double endStep = phases[i][0];
            if (step <= endStep || i == phases.length - 1) {
                double pct = (step - startStep) / (endStep - startStep);
                return new double[] {annealingCos(phases[i][1], phases[i][2], pct),
                    annealingCos(phases[i][3], phases[i][4], pct)};
            }
            startStep = phases[i][0];
        }
        throw new IllegalStateException("unreachable");
    }

    private static double annealingCos(double start, double end, double pct) {
        double cosOut = Math.cos(Math.PI * pct) + 1;
        return end + (start - end) / 2.0 * cosOut;
    }
}
