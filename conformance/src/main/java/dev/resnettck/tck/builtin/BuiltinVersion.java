package dev.resnettck.tck.builtin;

import dev.resnettck.tensor.Tensor;

/** The version of the impl jar the built-in implementations come from. */
final class BuiltinVersion {
    private BuiltinVersion() {
    }

    static String get() {
        String v = Tensor.class.getPackage().getImplementationVersion();
        return v == null ? "development build" : v;
    }
}
