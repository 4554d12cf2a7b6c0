package dev.resnettck.nn;

/** Argument checks whose messages name the layer, the argument (torch's name) and the value. */
final class Checks {
    private Checks() {
    }

    static void positive(String layer, String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(layer + ": " + name + " must be positive, got " + value);
        }
    }

    static void positive(String layer, String name, Size2 value) {
        if (value == null) {
            throw new IllegalArgumentException(layer + ": " + name + " is missing");
        }
        if (value.h() <= 0 || value.w() <= 0) {
            throw new IllegalArgumentException(layer + ": " + name + " must be positive, got " + value);
        }
    }

    static void nonNegative(String layer, String name, Size2 value) {
        if (value == null) {
            throw new IllegalArgumentException(layer + ": " + name + " is missing");
        }
        if (value.h() < 0 || value.w() < 0) {
            throw new IllegalArgumentException(layer + ": " + name + " must be non-negative, got " + value);
        }
    }
}
