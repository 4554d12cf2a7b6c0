package dev.resnettck.tck.layers;

import dev.resnettck.reference.RefVar;
import dev.resnettck.reference.TorchSession;
import java.util.Map;

/** The torch twin of a layer, as a function of its arguments, input and state. */
@FunctionalInterface
public interface ReferenceLayer<A> {

    /**
     * @param state the layer's state_dict entries by key; torch updates running statistics in
     *              place in training mode, as the module would
     */
    RefVar forward(TorchSession torch, A args, RefVar input, Map<String, RefVar> state, boolean training);
}
