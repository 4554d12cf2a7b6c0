package dev.resnettck.kernels.fast;

import static dev.resnettck.kernels.fast.KernelAgreement.agree;
import static dev.resnettck.kernels.fast.KernelAgreement.random;

import dev.resnettck.kernels.plain.PlainLinear;
import dev.resnettck.tensor.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The fast Linear (all three accumulations) against the plain one, forward and both gradients, on
 * shapes below, at and past a register tile and a depth block (KC 128): a transposed or shifted
 * operand is off by the size of a value, float32 rounding well inside scale x depth x 2^-20.
 */
class FastLinearAgreesWithPlainTest {

    @ParameterizedTest(name = "rows={0} in={1} out={2}")
    @CsvSource({"1, 1, 1", "1, 512, 10", "3, 7, 5", "16, 512, 10", "7, 129, 33", "64, 300, 257", "130, 64, 6"})
    void forwardAndBothGradients(int rows, int in, int out) {
        SplittableRandom r = new SplittableRandom(rows * 7919L + in * 31 + out);
        Tensor x = random(r, rows, in);
        Tensor w = random(r, out, in);
        Tensor b = random(r, out);
        Tensor gy = random(r, rows, out);
        PlainLinear plain = new PlainLinear();
        for (Accumulation acc : Accumulation.values()) {
            FastLinear fast = new FastLinear(acc);
            agree(acc + " forward", plain.forward(x, w, b), fast.forward(x, w, b), in);
            agree(acc + " input gradient", plain.backwardInput(gy, w), fast.backwardInput(gy, w), out);
            agree(acc + " weight gradient", plain.backwardWeight(gy, x), fast.backwardWeight(gy, x), rows);
        }
    }
}
