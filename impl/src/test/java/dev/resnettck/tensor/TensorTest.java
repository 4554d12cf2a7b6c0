package dev.resnettck.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TensorTest {

    @Test
    void asStridedSharesStorageAndReadsThroughStrides() {
        Tensor t = Tensor.of(new float[] {0, 1, 2, 3, 4, 5}, 2, 3);
        Tensor transposed = t.asStrided(new int[] {3, 2}, new int[] {1, 3});
        assertEquals(3f, transposed.get(0, 1));
        assertEquals(5f, transposed.get(2, 1));
        assertFalse(transposed.isCompact());
        assertArrayEquals(new float[] {0, 3, 1, 4, 2, 5}, transposed.contiguous().data());
        t.set(9f, 0, 1);
        assertEquals(9f, transposed.get(1, 0), "a view sees writes to its storage");
    }

    @Test
    void slidingWindowsOverlap() {
        Tensor t = Tensor.of(new float[] {1, 2, 3, 4}, 4);
        Tensor windows = t.asStrided(new int[] {3, 2}, new int[] {1, 1});
        assertArrayEquals(new float[] {1, 2, 2, 3, 3, 4}, windows.toArray());
    }

    @Test
    void contiguousReturnsItselfWhenCompact() {
        Tensor t = Tensor.zeros(2, 2);
        assertSame(t, t.contiguous());
        assertTrue(t.isCompact());
    }

    @Test
    void viewsOutsideTheStorageAreRefused() {
        Tensor t = Tensor.zeros(4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> t.asStrided(new int[] {3}, new int[] {2}));
        assertTrue(e.getMessage().contains("reaches element 4 of a storage of 4"), e.getMessage());
    }

    @Test
    void reshapeInfersOneDimension() {
        assertArrayEquals(new int[] {2, 6}, Tensor.zeros(3, 4).reshape(2, -1).shape());
        assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(3, 4).reshape(5, -1));
    }

    @Test
    void permuteIsAView() {
        Tensor t = Tensor.of(new float[] {0, 1, 2, 3, 4, 5}, 1, 2, 3);
        Tensor p = t.permute(2, 0, 1);
        assertArrayEquals(new int[] {3, 1, 2}, p.shape());
        assertEquals(4f, p.get(1, 0, 1));
    }

    @Test
    void dataSizeMustMatchShape() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tensor.of(new float[3], 2, 2));
        assertTrue(e.getMessage().contains("data has 3 elements but shape [2, 2] needs 4"), e.getMessage());
    }
}
