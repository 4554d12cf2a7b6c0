package dev.resnettck.kernels.fast;

import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Packed weights kept between inference calls. At batch 1 a 7x7 layer's weights are each used by
 * only 49 outputs, so packing them every call costs more than multiplying. An entry is reused only
 * while the weight array holds exactly the values it was packed from (compared in full on every
 * call, so a weight changed in place is packed again) and was packed the same way (the layout: sizes,
 * blocks, which kernel). Entries go when their weight array does (weak keys; an entry holds a copy,
 * never the array).
 */
final class PackedCache {
    /** Floats one task compares: large layers' weights are compared on every core. */
    private static final int CHUNK = 1 << 18;

    private record Entry(Object layout, float[] copy, Object packed) {
        boolean serves(Object layout, float[] weights, Runnable first) {
            if (!this.layout.equals(layout) || copy.length != weights.length) {
                first.run();
                return false;
            }
            AtomicBoolean differ = new AtomicBoolean();
            Parallel.forRanges(copy.length, CHUNK, (from, to) -> {
                if (!Arrays.equals(copy, from, to, weights, from, to)) {
                    differ.set(true);
                }
            }, first);
            return !differ.get();
        }
    }

    private static final Map<float[], Entry> ENTRIES = Collections.synchronizedMap(new WeakHashMap<>());

    private PackedCache() {
    }

    /** What {@code pack} makes of {@code weights}, packed again only when they or the layout changed. */
    @SuppressWarnings("unchecked")
    static <T> T get(float[] weights, Object layout, Supplier<T> pack) {
        return get(weights, layout, pack, () -> { });
    }

    /**
     * As {@link #get(float[], Object, Supplier)}, the calling thread running {@code first} (allocating the
     * pass's output, {@link LateArray}) while the workers compare the weights; it runs in every case.
     */
    static <T> T get(float[] weights, Object layout, Supplier<T> pack, Runnable first) {
        Entry entry = ENTRIES.get(weights);
        if (entry == null) {
            first.run();
        }
        if (entry != null && entry.serves(layout, weights, first)) {
            return (T) entry.packed();
        }
        T packed = pack.get();
        ENTRIES.put(weights, new Entry(layout, weights.clone(), packed));
        return packed;
    }
}
