package dev.resnettck.reference;

/**
 * Sees the input of every ReLU a {@link TorchSession} runs, in call order, and may flip the
 * activation of some elements: a flipped element passes its gradient where torch's ReLU would
 * block it, or blocks it where torch would pass it. The forward value of a flipped element is its
 * input instead of zero (or zero instead of its input), which for the near-zero inputs this is
 * used on is below the float32 noise there.
 */
@FunctionalInterface
public interface ReluHook {
    /**
     * @param call  the ReLU's index in the session's order of calls (0 for the first)
     * @param input the ReLU's input values, row-major
     * @param shape the input's shape
     * @return the flat indices whose activation is flipped (none: torch's own ReLU)
     */
    int[] flips(int call, double[] input, int[] shape);
}
