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

    /** (n, c, h, w) = (2, 3, 2, 2) with element value 1000n + 100c + 10y + x, and its storage channels-last. */
    private static Tensor numbered() {
        float[] nhwc = new float[24];
        int i = 0;
        for (int n = 0; n < 2; n++) {
            for (int y = 0; y < 2; y++) {
                for (int x = 0; x < 2; x++) {
                    for (int c = 0; c < 3; c++) {
                        nhwc[i++] = 1000 * n + 100 * c + 10 * y + x;
                    }
                }
            }
        }
        return Tensor.channelsLast(nhwc, 2, 3, 2, 2);
    }

    @Test
    void channelsLastIsAnNchwViewOfNhwcStorage() {
        Tensor t = numbered();
        assertTrue(t.isChannelsLast());
        assertTrue(t.isDense());
        assertFalse(t.isCompact());
        assertArrayEquals(new int[] {2, 3, 2, 2}, t.shape());
        assertEquals(1201f, t.get(1, 2, 0, 1));
        float[] rowMajor = t.toArray();
        for (int i = 0; i < 24; i++) {
            int n = i / 12, c = i / 4 % 3, y = i / 2 % 2, x = i % 2;
            assertEquals(1000 * n + 100 * c + 10 * y + x, rowMajor[i], "element " + i);
        }
        // the same elements through the generic strided path: a channels-last view one element into a larger storage
        float[] shifted = new float[25];
        System.arraycopy(t.storage(), 0, shifted, 1, 24);
        Tensor view = Tensor.of(shifted, 25).asStrided(new int[] {2, 3, 2, 2}, new int[] {12, 1, 6, 3}, 1);
        assertFalse(view.isChannelsLast());
        assertArrayEquals(rowMajor, view.contiguous().data());
        assertArrayEquals(t.storage(), view.toChannelsLast().storage());
    }

    @Test
    void toChannelsLastRoundTrips() {
        Tensor t = numbered();
        Tensor compact = t.contiguous();
        assertTrue(compact.isCompact());
        Tensor back = compact.toChannelsLast();
        assertTrue(back.isChannelsLast());
        assertArrayEquals(t.storage(), back.storage());
        assertSame(t, t.toChannelsLast());
    }

    @Test
    void inLayoutOfCopiesOnlyWhenTheStorageOrderDiffers() {
        Tensor cl = numbered();
        Tensor compact = cl.contiguous();
        assertSame(cl, cl.inLayoutOf(numbered()));
        assertSame(compact, compact.inLayoutOf(Tensor.zeros(2, 3, 2, 2)));
        assertArrayEquals(cl.storage(), compact.inLayoutOf(cl).storage());
        assertArrayEquals(compact.storage(), cl.inLayoutOf(compact).storage());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> cl.inLayoutOf(Tensor.zeros(2, 3, 2, 3)));
        assertTrue(e.getMessage().contains("[2, 3, 2, 2]"), e.getMessage());
    }

    @Test
    void withStorageKeepsTheLayoutAndRefusesViews() {
        Tensor cl = numbered();
        Tensor doubled = cl.withStorage(new float[24]);
        assertTrue(doubled.isChannelsLast());
        assertThrows(IllegalArgumentException.class, () -> cl.withStorage(new float[23]));
        Tensor view = Tensor.zeros(4, 4).asStrided(new int[] {2, 2}, new int[] {4, 1});
        assertThrows(IllegalStateException.class, () -> view.withStorage(new float[4]));
    }
}
