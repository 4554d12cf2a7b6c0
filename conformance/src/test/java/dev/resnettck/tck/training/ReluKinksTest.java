package dev.resnettck.tck.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which ReLU inputs count as within float32's reach of zero (the oracle passes themselves need DJL). */
class ReluKinksTest {

    private static ReluKinks.Recorder recorded(double[]... calls) {
        ReluKinks.Recorder r = new ReluKinks.Recorder();
        for (int c = 0; c < calls.length; c++) {
            r.flips(c, calls[c], new int[] {2, calls[c].length / 2});
        }
        return r;
    }

    @Test
    void inputsCloserToZeroThanEightTimesTheFloat32DistanceAreCandidates() {
        // float32 is 1e-3 off at element 0, so the reach is 8e-3: 5e-3 is within it, -9e-3 and 0.5 are not
        ReluKinks.Recorder oracle = recorded(new double[] {1.0, 5e-3, -9e-3, 0.5});
        ReluKinks.Recorder float32 = recorded(new double[] {1.001, 5e-3, -9e-3, 0.5});
        List<ReluKinks.Flip> flips = ReluKinks.candidates(oracle, float32, recorded(new double[] {-9e-3, 0.5, 1.0, 5e-3}));
        assertEquals(1, flips.size());
        assertEquals(0, flips.get(0).call());
        assertArrayEquals(new int[] {1}, flips.get(0).elements());
    }

    @Test
    void theReversedRunIsComparedInTheOraclesOrder() {
        // the reversed run holds the second sample first; unreversed it matches the oracle, so the reach is 0
        ReluKinks.Recorder oracle = recorded(new double[] {1e-9, 2.0, 3.0, 4.0});
        ReluKinks.Recorder reversed = recorded(new double[] {3.0, 4.0, 1e-9, 2.0});
        assertEquals(List.of(), ReluKinks.candidates(oracle, oracle, reversed));
    }

    @Test
    void pastTheCapOnePassPerReluFlipsAllItsCandidates() {
        double[] many = new double[2 * (ReluKinks.MAX_SINGLE_FLIPS + 1)];
        double[] off = many.clone();
        off[0] = 1e-3;
        List<ReluKinks.Flip> flips = ReluKinks.candidates(recorded(many, new double[] {1, 1}),
                recorded(off, new double[] {1, 1}), recorded(many, new double[] {1, 1}));
        assertEquals(1, flips.size());
        assertEquals(many.length, flips.get(0).elements().length);
    }

    @Test
    void runsThatCalledReluADifferentNumberOfTimesAreRefused() {
        ReluKinks.Recorder one = recorded(new double[] {1, 2});
        ReluKinks.Recorder two = recorded(new double[] {1, 2}, new double[] {3, 4});
        assertThrows(IllegalStateException.class, () -> ReluKinks.candidates(one, two, one));
    }
}
