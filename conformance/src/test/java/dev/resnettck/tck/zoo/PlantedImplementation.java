package dev.resnettck.tck.zoo;

import dev.resnettck.nn.LayerFactories;
import dev.resnettck.tck.spi.TckImplementation;
import java.util.function.UnaryOperator;

/** A correct implementation with one fault planted in its factories: what the suite must reject. */
public record PlantedImplementation(String name, String fault, TckImplementation base,
                                    UnaryOperator<LayerFactories> plant) implements TckImplementation {

    @Override
    public String version() {
        return base.version();
    }

    @Override
    public String description() {
        return "planted fault: " + fault;
    }

    @Override
    public LayerFactories layers() {
        return plant.apply(base.layers());
    }
}
