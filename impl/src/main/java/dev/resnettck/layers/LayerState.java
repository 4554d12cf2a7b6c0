package dev.resnettck.layers;

/** The one precondition every backward shares. */
final class LayerState {
    private LayerState() {
    }

    static void requireForward(Object cached, String layer) {
        if (cached == null) {
            throw new IllegalStateException(layer + ".backward called before forward");
        }
    }
}
