package dev.resnettck.kernels.opencl;

import dev.resnettck.tensor.Tensor;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Device copies of weights that stay resident across calls. A weight is known by its host array;
 * it is uploaded again only when its values changed since the last upload (an optimizer step),
 * which a comparison with a host snapshot detects, so a stale copy is never used. Copies whose
 * host array was garbage-collected are released.
 */
final class ResidentWeights {
    private record Entry(Key key, DeviceBuffer buffer, float[] snapshot) {
    }

    /** A weak identity key on a host array. */
    private static final class Key extends WeakReference<float[]> {
        private final int hash;

        Key(float[] array, ReferenceQueue<float[]> queue) {
            super(array, queue);
            this.hash = System.identityHashCode(array);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && (k == this || (k.get() != null && k.get() == get()));
        }
    }

    private final OpenClDevice device;
    private final ReferenceQueue<float[]> collected = new ReferenceQueue<>();
    private final Map<Key, Entry> entries = new HashMap<>();

    ResidentWeights(OpenClDevice device) {
        this.device = device;
    }

    /**
     * The device copy of a weight. Compact weights stay resident (the returned buffer must not be
     * closed by the caller); views are uploaded for this call only, which {@link Lease#close} ends.
     */
    Lease get(Tensor weight) {
        release();
        if (!weight.isCompact()) {
            DeviceBuffer once = DeviceBuffer.of(device, weight.data());
            return new Lease(once, true);
        }
        float[] host = weight.storage();
        Key probe = new Key(host, null);
        Entry entry = entries.get(probe);
        if (entry != null && Arrays.equals(entry.snapshot(), host)) {
            return new Lease(entry.buffer(), false);
        }
        if (entry != null) {
            entries.remove(entry.key()).buffer().close();
        }
        Key key = new Key(host, collected);
        Entry fresh = new Entry(key, DeviceBuffer.of(device, host), host.clone());
        entries.put(key, fresh);
        return new Lease(fresh.buffer(), false);
    }

    private void release() {
        for (var ref = collected.poll(); ref != null; ref = collected.poll()) {
            Entry gone = entries.remove((Key) ref);
            if (gone != null) {
                gone.buffer().close();
            }
        }
    }

    /** A weight's device buffer for one call; closing releases it only when it was not resident. */
    record Lease(DeviceBuffer buffer, boolean owned) implements AutoCloseable {
        @Override
        public void close() {
            if (owned) {
                buffer.close();
            }
        }
    }
}
