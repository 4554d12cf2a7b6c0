package dev.resnettck.kernels.fast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@link EvenSplit}: task counts that keep two threads busy, on ResNet50's panel counts at batch 8. */
class EvenSplitTest {
    @Test
    void nineEqualTasksOnTwoThreadsBecomeTwelve() {
        // a 14x14 layer at batch 8: 131 pixel panels, which the minimum of 8 tasks had cut into 9 of 15
        assertEquals(0.873, EvenSplit.busy(131, 9, 1, 2), 1e-3);
        assertEquals(12, EvenSplit.pieces(131, 9, 1, 2));
        assertEquals(0.992, EvenSplit.busy(131, 12, 1, 2), 1e-3);
    }

    @Test
    void oneThreadKeepsTheLeastCount() {
        assertEquals(9, EvenSplit.pieces(131, 9, 1, 1));
    }

    @Test
    void anEvenSplitIsKept() {
        assertEquals(131, EvenSplit.pieces(2091, 131, 1, 2), "131 tasks of 16 panels: 66 and 65 rounds");
        assertEquals(9, EvenSplit.pieces(131, 9, 2, 2), "each piece run as two tasks: 18 tasks");
    }

    @Test
    void theWeightRowsLayersAtBatch8SplitTheirRowsInTwo() {
        // 512->2048 1x1 @7: 13 lane panels of pixels by 171 row panels of channels, at least 1 group: 13 tasks
        assertEquals(2, EvenSplit.pieces(171, 1, 13, 2));
    }

    @Test
    void noCountAboveTwiceTheLeastIsTried() {
        // 13 units from 4 pieces: 5 and 6 pieces are less even, 7 and 8 no better; 13 pieces of one would be
        for (int threads = 2; threads <= 4; threads++) {
            int count = EvenSplit.pieces(13, 4, 1, threads);
            assertTrue(count >= 4 && count <= 8, threads + " threads: " + count);
        }
        assertEquals(4, EvenSplit.pieces(13, 4, 1, 2));
    }
}
