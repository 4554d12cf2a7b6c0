package dev.resnettck.nn;

import dev.resnettck.tensor.Tensor;
import java.util.Map;

/**
 * A layer or a composition of layers, as {@code torch.nn.Module} is one: forward, backward, named
 * parameters and buffers, named children, train/eval mode.
 *
 * <p>The names are torchvision's: a module's state_dict keys are its own parameters, then its own
 * buffers, then each child's keys prefixed by the child's name and a dot.
 *
 * <p>Backward contract: {@link #backward} takes the gradient of the loss with respect to the output
 * of the most recent {@link #forward} call, returns the gradient with respect to that call's input,
 * and adds the gradients of the parameters that require them into {@link Parameter#grad()}.
 */
public interface Module {

    Tensor forward(Tensor input);

    Tensor backward(Tensor gradOutput);

    /**
     * Backward when the caller may not need the input gradient (torch skips it when the input does
     * not require grad, as for a model's first layer): parameter gradients are accumulated as
     * always, and with {@code inputGradient} false the result may be null.
     */
    default Tensor backward(Tensor gradOutput, boolean inputGradient) {
        return backward(gradOutput);
    }

    /** This module's own parameters (not its children's), in registration order. */
    default Map<String, Parameter> parameters() {
        return Map.of();
    }

    /** This module's own buffers (running statistics), in registration order. */
    default Map<String, Tensor> buffers() {
        return Map.of();
    }

    /** Named sub-modules in registration order (the names become state_dict key segments). */
    default Map<String, Module> children() {
        return Map.of();
    }

    /** Sets training (true) or evaluation (false) mode here and in every child. */
    default void train(boolean training) {
        children().values().forEach(child -> child.train(training));
    }
}
