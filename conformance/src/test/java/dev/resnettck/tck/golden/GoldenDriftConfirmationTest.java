package dev.resnettck.tck.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@link GoldenDriftIT#confirmed}: which drift stands after the further regenerations it may ask for. */
class GoldenDriftConfirmationTest {
    private static final String NOISE = "golden-data/blocks/block-group.safetensors block-group/case-03/float32-noise/"
            + "grad_input[17]: committed 1.2E-6, generated 0.0082";
    private static final String NOISE_AGAIN = "golden-data/blocks/block-group.safetensors block-group/case-03/float32-noise/"
            + "grad_input[17]: committed 1.2E-6, generated 0.0079";
    private static final String EXPECTED = "golden-data/layers/conv2d.safetensors conv2d/case-01/expected/output[3]: "
            + "committed 0.25, generated 0.2500001";

    @Test
    void noiseThatASecondRegenerationDoesNotMoveIsForgiven() throws IOException {
        AtomicInteger regenerations = new AtomicInteger();
        List<String> standing = GoldenDriftIT.confirmed(List.of(NOISE), () -> {
            regenerations.incrementAndGet();
            return List.of();
        });
        assertEquals(List.of(), standing);
        assertEquals(1, regenerations.get());
    }

    @Test
    void noiseThatMovesInEveryConfirmingRegenerationStands() throws IOException {
        AtomicInteger regenerations = new AtomicInteger();
        assertEquals(List.of(NOISE), GoldenDriftIT.confirmed(List.of(NOISE), () -> {
            regenerations.incrementAndGet();
            return List.of(NOISE_AGAIN);
        }));
        assertEquals(GoldenDriftIT.CONFIRMATIONS, regenerations.get());
    }

    @Test
    void noiseThatMovesAgainOnceButNotInTheLastRegenerationIsForgiven() throws IOException {
        AtomicInteger regenerations = new AtomicInteger();
        assertEquals(List.of(), GoldenDriftIT.confirmed(List.of(NOISE), () -> regenerations.incrementAndGet() == 1
                ? List.of(NOISE_AGAIN) : List.of()));
        assertEquals(2, regenerations.get());
    }

    @Test
    void noiseMovingElsewhereTheSecondTimeDoesNotConfirmTheFirst() throws IOException {
        String elsewhere = NOISE_AGAIN.replace("[17]", "[18]");
        assertEquals(List.of(), GoldenDriftIT.confirmed(List.of(NOISE), () -> List.of(elsewhere)));
    }

    @Test
    void anyOtherDriftStandsWithoutASecondRegeneration() throws IOException {
        List<String> problems = List.of(NOISE, EXPECTED);
        assertEquals(problems, GoldenDriftIT.confirmed(problems, () -> {
            throw new AssertionError("no second regeneration when an expected value drifted");
        }));
    }

    @Test
    void noDriftNeedsNoSecondRegeneration() throws IOException {
        assertEquals(List.of(), GoldenDriftIT.confirmed(List.of(), () -> {
            throw new AssertionError("no second regeneration without drift");
        }));
    }
}
