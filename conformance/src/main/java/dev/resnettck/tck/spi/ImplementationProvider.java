package dev.resnettck.tck.spi;

import java.util.List;

/**
 * Registers several implementations with one service entry (variants of one backend, a family of
 * planted faults). Register it in {@code META-INF/services/dev.resnettck.tck.spi.ImplementationProvider}.
 */
public interface ImplementationProvider {

    List<TckImplementation> implementations();
}
