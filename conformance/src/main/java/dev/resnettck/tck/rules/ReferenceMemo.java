package dev.resnettck.tck.rules;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Remembers what the reference computed for a case, so that certifying several implementations in
 * one JVM (mvn verify certifies a dozen) pays for each reference case once. A case is keyed by
 * everything that determines its values (rule, arguments, value profile and seed, mode); the
 * memo holds at most {@code capacity} cases, least recently used first out. Callers must not
 * modify what they get back.
 */
public final class ReferenceMemo<V> {
    private final Map<String, V> cases;

    public ReferenceMemo(int capacity) {
        this.cases = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > capacity;
            }
        };
    }

    public V get(String key, Supplier<V> compute) {
        synchronized (cases) {
            V known = cases.get(key);
            if (known != null) {
                return known;
            }
        }
        V value = compute.get();
        synchronized (cases) {
            cases.put(key, value);
        }
        return value;
    }
}
