package dev.resnettck.tck.zoo;

import dev.resnettck.nn.LayerFactories;
import dev.resnettck.tck.builtin.FastImplementation;
import dev.resnettck.tck.builtin.PlainImplementation;
import dev.resnettck.tck.spi.TckImplementation;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A correct implementation with one fault planted in its factories: what the suite must reject.
 *
 * @param caughtBy the rules expected to catch it (at least one of them must fail or error)
 * @param rules    the rules the self-test runs on it (a regular expression over rule ids)
 */
public record PlantedImplementation(String name, String fault, List<String> caughtBy, String rules,
                                    TckImplementation base, UnaryOperator<LayerFactories> plant)
        implements TckImplementation {

    /** Layer, block and loss rules: where a layer-level fault shows. */
    static final String LAYER_RULES = "(LAYER|BLOCK|LOSS)-.*";

    static PlantedImplementation of(String name, String fault, List<String> caughtBy, UnaryOperator<LayerFactories> plant) {
        return of(name, fault, caughtBy, LAYER_RULES, plant);
    }

    static PlantedImplementation of(String name, String fault, List<String> caughtBy, String rules,
                                    UnaryOperator<LayerFactories> plant) {
        return new PlantedImplementation("zoo-" + name, fault, caughtBy, rules, new PlainImplementation(), plant);
    }

    /**
     * A fault in a network's structure, planted in the fast kernels: it runs whole networks, which the
     * plain kernels take tens of seconds for (the structure, not the arithmetic, is what is wrong).
     */
    static PlantedImplementation inModel(String name, String fault, List<String> caughtBy, String rules,
                                         UnaryOperator<LayerFactories> plant) {
        return new PlantedImplementation("zoo-" + name, fault, caughtBy, rules, new FastImplementation(), plant);
    }

    /** A fault for the training rules, planted in the fast kernels (the plain ones train the gate model slowly). */
    static PlantedImplementation inTraining(String name, String fault, List<String> caughtBy, String rules,
                                            UnaryOperator<LayerFactories> plant) {
        return new PlantedImplementation("zoo-" + name, fault, caughtBy, rules, new FastImplementation(), plant);
    }

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
