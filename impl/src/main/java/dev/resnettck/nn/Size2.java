package dev.resnettck.nn;

/** A (height, width) pair: torch accepts an int or a pair for kernel_size, stride and padding. */
public record Size2(int h, int w) {

    public static Size2 of(int both) {
        return new Size2(both, both);
    }

    public static Size2 of(int h, int w) {
        return new Size2(h, w);
    }

    boolean isSquare() {
        return h == w;
    }

    @Override
    public String toString() {
        return isSquare() ? Integer.toString(h) : "(" + h + ", " + w + ")";
    }
}
