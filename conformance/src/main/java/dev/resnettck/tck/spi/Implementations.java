package dev.resnettck.tck.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Finds implementations with {@link ServiceLoader} (single ones and {@link ImplementationProvider}
 * families) and selects one by name.
 */
public final class Implementations {
    /** The system property that selects the implementation under test. */
    public static final String PROPERTY = "tck.implementation";
    /** The built-in fast implementation, certified when nothing else is selected. */
    public static final String DEFAULT = "fast";

    private Implementations() {
    }

    public static List<TckImplementation> all() {
        List<TckImplementation> found = new ArrayList<>();
        ServiceLoader.load(TckImplementation.class).forEach(found::add);
        ServiceLoader.load(ImplementationProvider.class).forEach(p -> found.addAll(p.implementations()));
        return found;
    }

    public static TckImplementation byName(String name) {
        List<String> names = new ArrayList<>();
        for (TckImplementation impl : all()) {
            if (impl.name().equals(name)) {
                return impl;
            }
            names.add(impl.name());
        }
        throw new IllegalArgumentException("no implementation named '" + name + "' is registered; found " + names
                + " (register one in META-INF/services/" + TckImplementation.class.getName() + ")");
    }

    /** The one named by {@value #PROPERTY}, else {@value #DEFAULT}. */
    public static TckImplementation selected() {
        return byName(System.getProperty(PROPERTY, DEFAULT));
    }
}
