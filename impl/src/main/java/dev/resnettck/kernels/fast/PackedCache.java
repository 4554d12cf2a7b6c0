package dev.resnettck.kernels.fast;

import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Packed weights kept between inference calls. At batch 1 a 7x7 layer's weights are each used by
 * only 49 columns, so packing them every call costs more than multiplying. An entry is reused only
 * while the weight array holds exactly the values it was packed from (compared in full on every
 * call, so a weight changed in place is packed again) and the layout, sizes and depth blocks match.
 * Entries go when their weight array does (weak keys; an entry holds a copy, never the array).
 */
final class PackedCache {
    private record Entry(Object layout, float[] copy, int m, int mr, int depth, int[] blocks, Gemm.Packed packed) {
        boolean serves(Operand a, float[] contents, int m, int mr, int depth, int[] blocks) {
            return layout.equals(a.layout()) && this.m == m && this.mr == mr && this.depth == depth
                    && Arrays.equals(this.blocks, blocks) && Arrays.equals(copy, contents);
        }
    }

    private static final Map<float[], Entry> ENTRIES = Collections.synchronizedMap(new WeakHashMap<>());

    private PackedCache() {
    }

    static Gemm.Packed get(Operand a, int m, int mr, int depth, int[] blocks) {
        float[] contents = a.contents();
        Entry entry = ENTRIES.get(contents);
        if (entry != null && entry.serves(a, contents, m, mr, depth, blocks)) {
            return entry.packed();
        }
        Gemm.Packed packed = Gemm.Packed.of(a, m, mr, depth, blocks);
        ENTRIES.put(contents, new Entry(a.layout(), contents.clone(), m, mr, depth, blocks.clone(), packed));
        return packed;
    }
}
