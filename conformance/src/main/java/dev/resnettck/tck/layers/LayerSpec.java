package dev.resnettck.tck.layers;

import dev.resnettck.nn.LayerFactories;
import dev.resnettck.nn.Module;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.function.UnaryOperator;
import org.quicktheories.core.Gen;

/**
 * One declarative entry per layer, as PyTorch's OpInfo: its argument space, how the implementation
 * builds it, its torch twin, its expected state_dict, its ULP budget and its invalid uses. Every
 * generic check ({@link LayerCheckKind}) consumes it; adding a layer means adding one entry.
 *
 * @param id            the rule-id segment: LAYER-{id}-FWD (or BLOCK-{id}-FWD)
 * @param argsType      the record type of the arguments (golden cases store them as JSON)
 * @param arguments     shrinkable generator of valid arguments, input shape included
 * @param withBatchOne  the same arguments with a batch of one
 * @param profiles      the value ranges cases draw inputs from
 * @param wide          arguments with channel counts beyond a fast kernel's register and cache blocks, or
 *                      null when the layer has no such blocking (no WIDE rule then)
 */
public record LayerSpec<A>(
        String id,
        String torchName,
        Class<A> argsType,
        Gen<A> arguments,
        Function<A, int[]> inputShape,
        Function<A, List<StateEntry>> state,
        BiFunction<LayerFactories, A, Module> build,
        ReferenceLayer<A> reference,
        ToDoubleFunction<A> ulpBudget,
        UnaryOperator<A> withBatchOne,
        List<ValueProfile> profiles,
        List<InvalidArgument> invalidArguments,
        Gen<A> wide) {

    /** The same entry with a generator of wide arguments. */
    public LayerSpec<A> withWide(Gen<A> generator) {
        return new LayerSpec<>(id, torchName, argsType, arguments, inputShape, state, build, reference, ulpBudget, withBatchOne,
                profiles, invalidArguments, generator);
    }
}
