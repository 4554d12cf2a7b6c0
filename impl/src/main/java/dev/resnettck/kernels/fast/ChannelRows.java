package dev.resnettck.kernels.fast;

import dev.resnettck.kernels.Epilogue;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Writes a finished tile row (one pixel's run of channel lanes) into a channels-last output: the
 * float sum, plus the bias in float (the old double path, {@code (float) (c + bias)}, rounds to the
 * same float: a double holds the exact sum of two floats' worth of digits), then the inference
 * epilogue, batch norm in double exactly as {@link Epilogue#apply} computes it, lane by lane in
 * vectors, the residual added in float, and ReLU. So a fused convolution writes what the separate
 * layers would, bit for bit.
 */
final class ChannelRows {
    private static final VectorSpecies<Float> F = Tile.F;
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    /** As many floats as D has doubles: the halves a float vector is widened in. */
    private static final VectorSpecies<Float> FD = VectorSpecies.of(float.class,
            VectorShape.forBitSize(D.vectorBitSize() / 2));

    private final float[] bias;
    private final Epilogue then;
    private final double[] gamma;
    private final double[] beta;
    private final float[] residual;

    /** @param residual the epilogue's residual as laid out like the output (channels-last), or null */
    ChannelRows(float[] bias, Epilogue then, float[] residual) {
        this.bias = bias;
        this.then = then;
        this.residual = residual;
        this.gamma = then == null ? null : widen(then.gamma());
        this.beta = then == null ? null : widen(then.beta());
    }

    private static double[] widen(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }

    /** Whether rows are written as summed: no bias, no epilogue. */
    boolean plain() {
        return bias == null && then == null;
    }

    /**
     * {@code out[at + q] = finish(channel0 + q, c[ci + q])} for q in [0, lanes); {@code c} may be
     * {@code out} at the same place (each lane is read before it is written).
     */
    void write(float[] c, int ci, float[] out, int at, int channel0, int lanes) {
        int q = 0;
        if (then == null) {
            for (; q + F.length() <= lanes; q += F.length()) {
                FloatVector v = FloatVector.fromArray(F, c, ci + q);
                if (bias != null) {
                    v = v.add(FloatVector.fromArray(F, bias, channel0 + q));
                }
                v.intoArray(out, at + q);
            }
        } else {
            for (; q + D.length() <= lanes; q += D.length()) {
                FloatVector v = FloatVector.fromArray(FD, c, ci + q);
                if (bias != null) {
                    v = v.add(FloatVector.fromArray(FD, bias, channel0 + q));
                }
                int ch = channel0 + q;
                DoubleVector d = (DoubleVector) v.convertShape(VectorOperators.F2D, D, 0);
                d = d.sub(DoubleVector.fromArray(D, then.mean(), ch)).mul(DoubleVector.fromArray(D, then.invStd(), ch))
                        .mul(DoubleVector.fromArray(D, gamma, ch)).add(DoubleVector.fromArray(D, beta, ch));
                FloatVector y = (FloatVector) d.convertShape(VectorOperators.D2F, FD, 0);
                if (residual != null) {
                    y = y.add(FloatVector.fromArray(FD, residual, at + q));
                }
                if (then.relu()) {
                    y = y.blend(0f, y.lt(0f));
                }
                y.intoArray(out, at + q);
            }
        }
        for (; q < lanes; q++) {
            float v = bias == null ? c[ci + q] : c[ci + q] + bias[channel0 + q];
            out[at + q] = then == null ? v : then.apply(channel0 + q, v, residual == null ? 0f : residual[at + q]);
        }
    }
}
