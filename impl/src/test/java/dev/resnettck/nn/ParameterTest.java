package dev.resnettck.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resnettck.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Gradient accumulation: zeroGrad clears lazily, so every way of reading the gradient must see the zeros. */
class ParameterTest {
    private static Parameter parameter() {
        return new Parameter(Tensor.of(new float[] {1, 2, 3}, 3));
    }

    @Test
    void accumulatesAndZeroes() {
        Parameter p = parameter();
        assertArrayEquals(new float[3], p.grad().data());
        p.accumulateGrad(new float[] {1, 2, 3});
        p.accumulateGrad(new float[] {10, 20, 30});
        assertArrayEquals(new float[] {11, 22, 33}, p.grad().data());
        p.zeroGrad();
        assertArrayEquals(new float[3], p.grad().data(), "read right after zeroGrad");
        p.accumulateGrad(new float[] {4, 5, 6});
        p.zeroGrad();
        p.accumulateGrad(new float[] {7, 8, 9});
        assertArrayEquals(new float[] {7, 8, 9}, p.grad().data(), "the first accumulation after zeroGrad replaces");
        p.accumulateGrad(new float[] {1, 1, 1});
        assertArrayEquals(new float[] {8, 9, 10}, p.grad().data(), "later ones add");
    }

    @Test
    void theGradientArrayStaysTheSame() {
        Parameter p = parameter();
        p.accumulateGrad(new float[] {1, 2, 3});
        float[] live = p.grad().data();
        p.zeroGrad();
        p.accumulateGrad(new float[] {4, 5, 6});
        assertSame(live, p.grad().data(), "an optimizer may keep the array");
        assertArrayEquals(new float[] {4, 5, 6}, live);
    }

    @Test
    void theCallersArrayIsCopiedNotKept() {
        Parameter p = parameter();
        float[] delta = {1, 2, 3};
        p.accumulateGrad(delta);
        delta[0] = 100;
        p.accumulateGrad(new float[] {1, 1, 1});
        assertArrayEquals(new float[] {2, 3, 4}, p.grad().data());
        assertEquals(100, delta[0]);
    }

    @Test
    void anOwnedGradientIsTakenWhileTheGradientIsZeroAndAddedAfter() {
        Parameter p = parameter();
        float[] first = {1, 2, 3};
        p.accumulateOwnedGrad(first);
        assertSame(first, p.grad().data(), "the first gradient is taken, not copied");
        p.accumulateOwnedGrad(new float[] {10, 20, 30});
        assertArrayEquals(new float[] {11, 22, 33}, p.grad().data(), "later ones add");
        p.zeroGrad();
        float[] second = {4, 5, 6};
        p.accumulateOwnedGrad(second);
        assertSame(second, p.grad().data(), "after zeroGrad the next one is taken again");
        assertArrayEquals(new float[] {4, 5, 6}, second);
        p.accumulateGrad(new float[] {1, 1, 1});
        assertArrayEquals(new float[] {5, 6, 7}, p.grad().data(), "a copied one adds to it");
        assertThrows(IllegalArgumentException.class, () -> p.accumulateOwnedGrad(new float[2]));
    }

    @Test
    void aZeroedGradientArrayIsOverwrittenInPlaceOnlyWhileItIsZero() {
        Parameter p = parameter();
        assertFalse(p.overwriteZeroGrad(into -> true), "no array yet: the caller makes one");
        p.accumulateGrad(new float[] {1, 2, 3});
        assertFalse(p.overwriteZeroGrad(into -> true), "a gradient that is not zero is added to, not overwritten");
        float[] live = p.grad().data();
        p.zeroGrad();
        assertTrue(p.overwriteZeroGrad(into -> {
            assertSame(live, into, "the zeroed gradient's own array");
            System.arraycopy(new float[] {7, 8, 9}, 0, into, 0, 3);
            return true;
        }));
        assertArrayEquals(new float[] {7, 8, 9}, p.grad().data());
        p.accumulateGrad(new float[] {1, 1, 1});
        assertArrayEquals(new float[] {8, 9, 10}, p.grad().data(), "later ones add");
        p.zeroGrad();
        assertFalse(p.overwriteZeroGrad(into -> {
            into[0] = 99; // a writer that gives up: the gradient must read zero all the same
            return false;
        }));
        assertArrayEquals(new float[3], p.grad().data(), "still zero after a writer declined");
        p.zeroGrad();
        p.requiresGrad(false);
        assertFalse(p.overwriteZeroGrad(into -> true), "a frozen parameter's gradient is not written");
    }

    @Test
    void aLargeGradientIsAddedWholeAcrossTheThreadsChunks() {
        int n = 100_003; // several chunks and a partial last one
        Parameter p = new Parameter(Tensor.zeros(n));
        float[] a = new float[n];
        float[] b = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = i * 0.5f;
            b[i] = 1 - i;
        }
        p.accumulateGrad(a);
        p.accumulateGrad(b);
        float[] g = p.grad().data();
        for (int i = 0; i < n; i++) {
            assertEquals(a[i] + b[i], g[i], "element " + i);
        }
    }

    @Test
    void frozenParametersAccumulateNothing() {
        Parameter p = parameter();
        p.requiresGrad(false);
        p.accumulateGrad(new float[] {1, 2, 3});
        p.accumulateOwnedGrad(new float[] {1, 2, 3});
        assertArrayEquals(new float[3], p.grad().data());
    }

    @Test
    void aGradientOfTheWrongSizeNamesTheShape() {
        Parameter p = parameter();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.accumulateGrad(new float[2]));
        assertTrue(e.getMessage().contains("2 elements") && e.getMessage().contains("3"), e.getMessage());
        p.zeroGrad();
        assertThrows(IllegalArgumentException.class, () -> p.accumulateGrad(new float[4]));
        assertArrayEquals(new float[3], p.grad().data(), "a rejected gradient leaves the zeros");
    }
}
