package dev.resnettck.tck.layers;

import org.quicktheories.core.RandomnessSource;
import org.quicktheories.impl.Constraint;

/** Shrinkable draws for argument generators: QuickTheories shrinks each towards its lower bound. */
final class Draw {
    private Draw() {
    }

    static int between(RandomnessSource in, int lo, int hi) {
        return (int) in.next(Constraint.between(lo, hi));
    }

    static boolean bool(RandomnessSource in) {
        return in.next(Constraint.between(0, 1)) == 1;
    }

    static int oneOf(RandomnessSource in, int... values) {
        return values[between(in, 0, values.length - 1)];
    }

    static String shape(int... dims) {
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < dims.length; i++) {
            b.append(i == 0 ? "" : ", ").append(dims[i]);
        }
        return b.append(")").toString();
    }
}
