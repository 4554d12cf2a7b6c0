package dev.resnettck.tck.layers;

/** One generated case: arguments, the value range of its input, and the seed of every value in it. */
public record LayerCase<A>(A args, ValueProfile profile, long valueSeed) {

    @Override
    public String toString() {
        return args + " " + profile.name().toLowerCase(java.util.Locale.ROOT) + " values, seed " + valueSeed;
    }
}
