package dev.resnettck.tck.layers;

import dev.resnettck.nn.LayerFactories;
import java.util.function.Consumer;

/**
 * A bad use of a layer that must be refused with an exception whose message names the argument:
 * {@code attempt} builds the layer and runs it; {@code mustName} is the word the message must
 * contain (torch's argument name, or "channels", "shape", ...).
 */
public record InvalidArgument(String description, String mustName, Consumer<LayerFactories> attempt) {
}
