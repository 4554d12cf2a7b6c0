package dev.resnettck.nn;

import java.util.function.Supplier;

/**
 * torch's {@code torch.no_grad()}: while disabled on a thread, the built-in layers keep nothing for
 * a backward pass, so inference holds only the activations in flight.
 */
public final class GradMode {
    private static final ThreadLocal<Boolean> ENABLED = ThreadLocal.withInitial(() -> Boolean.TRUE);

    private GradMode() {
    }

    public static boolean isEnabled() {
        return ENABLED.get();
    }

    /** Runs {@code work} with gradients disabled on this thread. */
    public static <T> T noGrad(Supplier<T> work) {
        boolean before = ENABLED.get();
        ENABLED.set(false);
        try {
            return work.get();
        } finally {
            ENABLED.set(before);
        }
    }
}
