package dev.resnettck.tck.compare;

/**
 * The float32 noise of a tensor: the largest elementwise distance between the reference's own
 * float32 run and the oracle, over the whole tensor. It measures what float32 arithmetic
 * unavoidably makes on that very case (cancellation, amplification through batch norm, depth).
 */
public final class Float32Noise {
    private Float32Noise() {
    }

    public static double of(double[] oracle, double[] float32Run) {
        if (oracle.length != float32Run.length) {
            throw new IllegalArgumentException("float32 run has " + float32Run.length + " elements, the oracle "
                    + oracle.length);
        }
        double noise = 0;
        for (int i = 0; i < oracle.length; i++) {
            double d = Math.abs(oracle[i] - float32Run[i]);
            noise = Double.isNaN(d) ? Double.NaN : Math.max(noise, d);
        }
        return noise;
    }
}
