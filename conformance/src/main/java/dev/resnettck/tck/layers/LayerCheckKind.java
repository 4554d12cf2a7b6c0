package dev.resnettck.tck.layers;

import dev.resnettck.tck.spi.Capability;
import java.util.Set;

/** The generic checks every layer entry gets, each a rule LAYER-{id}-{suffix}. */
public enum LayerCheckKind {
    FWD("forward in training mode matches torch (and updates running statistics as torch does)", true, false, false,
            false, Set.of(), 40),
    BWD("backward in training mode: input and parameter gradients match torch's autograd for a random cotangent",
            true, true, false, false, Set.of(Capability.BACKWARD), 30),
    EVAL("forward in evaluation mode matches torch (running statistics used, not changed)", false, false, false, false,
            Set.of(), 30),
    EVAL_BWD("backward in evaluation mode matches torch's autograd", false, true, false, false,
            Set.of(Capability.BACKWARD), 20),
    BATCH1("a batch of one: forward and backward match torch", true, true, false, true, Set.of(Capability.BACKWARD), 20),
    NONCONTIG("a non-contiguous input view (transposed storage, offset): forward and backward match torch", true, true,
            true, false, Set.of(Capability.BACKWARD), 20),
    WIDE("wide shapes (channel counts beyond a fast kernel's register and cache blocks): forward and backward "
            + "match torch", true, true, false, false, Set.of(Capability.BACKWARD), 16),
    ARGS("invalid arguments and inputs are refused with a message naming the argument", false, false, false, false,
            Set.of(), 0);

    final String title;
    final boolean training;
    final boolean backward;
    final boolean nonContiguous;
    final boolean batchOne;
    final Set<Capability> needs;
    final int examples;

    LayerCheckKind(String title, boolean training, boolean backward, boolean nonContiguous, boolean batchOne,
                   Set<Capability> needs, int examples) {
        this.title = title;
        this.training = training;
        this.backward = backward;
        this.nonContiguous = nonContiguous;
        this.batchOne = batchOne;
        this.needs = needs;
        this.examples = examples;
    }

    public String suffix() {
        return name().replace('_', '-');
    }
}
