package dev.resnettck.kernels.fast;

import dev.resnettck.kernels.ConvGeometry;
import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * The input gradient of a convolution with few input channels (the stem's 3, the gate's 1), where
 * a stride phase pass ({@link ChannelsLastConv#backwardInput}) would fill 3 of a tile's 32 lanes.
 * Image by image: first every tap's share of every output-gradient pixel, {@code share[tap][ch][p]
 * = sum over oc of dY[p][oc] * w[oc][ch][tap]}, a product with rows = dY pixels read in place and
 * lanes = (tap, channel), each share summed from zero over the output channels in order, exactly as
 * a phase pass sums its block for that tap; then each input pixel adds the shares of its phase's
 * taps, in the order the phase pass adds its blocks, to a sum starting at zero, 16 pixels of a
 * phase at a time (a share plane holds a dY row's pixels side by side). Where a tap's dY pixel lies
 * outside dY the sum adds +0, as the phase pass adds a block of zeros there. So every input gradient
 * element gets the same float operations in the same order: the same bits.
 */
final class FewChannelInputGradient {
    /** The last shares array each calling thread used: a new one per call (8 MB for the stem) cost page faults. */
    private static final VectorSpecies<Float> F = Tile.F;
    private static final ThreadLocal<float[]> SHARES = new ThreadLocal<>();

    private FewChannelInputGradient() {
    }

    /** Every element the sums read is written first, so old contents do not matter. */
    private static float[] sharesArray(int size) {
        float[] kept = SHARES.get();
        if (kept == null || kept.length < size) {
            kept = new float[size];
            SHARES.set(kept);
        }
        return kept;
    }

    /**
     * Whether the phase passes would sum exactly one block per tap (dY at least {@link
     * DepthBreaks#FEW_CHANNELS} and at most {@link Gemm#KC} channels deep) into few lanes.
     */
    static boolean suits(Accumulation acc, ConvGeometry g) {
        return acc == Accumulation.FLOAT32 && g.c() < DepthBreaks.FEW_CHANNELS
                && g.oc() >= DepthBreaks.FEW_CHANNELS && g.oc() <= Gemm.KC;
    }

    /** dX (channels-last) of dY (channels-last, no border) and the weights (oc, c, kh, kw). */
    static float[] run(float[] dy, float[] w, ConvGeometry g) {
        int taps = g.kh() * g.kw();
        int lanes = taps * g.c();
        int jPanels = WeightPanels.panels(lanes);
        float[] panels = pack(w, g.oc(), g.c(), taps, jPanels);
        int pixels = g.oh() * g.ow();
        float[] shares = sharesArray(pixels * lanes);
        float[] dx = new float[g.n() * g.h() * g.w() * g.c()];
        StridePhase[] ys = StridePhase.all(g.h(), g.kh(), g.sh(), g.ph());
        StridePhase[] xs = StridePhase.all(g.w(), g.kw(), g.sw(), g.pw());
        int mPanels = Gemm.tiles(pixels, Tile.MR);
        for (int img = 0; img < g.n(); img++) {
            int first = img * pixels * g.oc();
            Parallel.forEach(mPanels, panel -> shares(dy, first, g.oc(), panel, pixels, panels, lanes, shares));
            int image = img;
            Parallel.forEach(g.h(), y -> addShares(shares, pixels, g, ys[y % g.sh()], xs, image, y, dx));
        }
        return dx;
    }

    /** Lanes (tap, channel) at {@code tap * c + channel}, depth = output channel. */
    private static float[] pack(float[] w, int oc, int c, int taps, int jPanels) {
        float[] out = new float[jPanels * oc * Tile.NR];
        for (int lane = 0; lane < taps * c; lane++) {
            int tap = lane / c;
            int ch = lane % c;
            int j = lane / Tile.NR;
            for (int o = 0; o < oc; o++) {
                out[(j * oc + o) * Tile.NR + lane % Tile.NR] = w[(o * c + ch) * taps + tap];
            }
        }
        return out;
    }

    /** One panel of dY pixels' shares, every lane panel; lane (tap, ch)'s shares form a plane of {@code pixels}. */
    private static void shares(float[] dy, int first, int oc, int panel, int pixels, float[] panels, int lanes,
            float[] shares) {
        int p0 = panel * Tile.MR;
        int count = Math.min(Tile.MR, pixels - p0);
        int[] o = new int[Tile.MR];
        for (int r = 0; r < Tile.MR; r++) {
            o[r] = first + (p0 + (r < count ? r : 0)) * oc;
        }
        float[] c = Scratch.floats(0, Tile.MR * Tile.NR);
        for (int j = 0; j * Tile.NR < lanes; j++) {
            Arrays.fill(c, 0, Tile.MR * Tile.NR, 0f);
            Tile.block(dy, o, 0, oc, panels, j * oc * Tile.NR, c, 0);
            for (int lane = 0; lane < Tile.NR && j * Tile.NR + lane < lanes; lane++) {
                int plane = (j * Tile.NR + lane) * pixels + p0;
                for (int r = 0; r < count; r++) {
                    shares[plane + r] = c[r * Tile.NR + lane];
                }
            }
        }
    }

    /**
     * Input row y of one image, phase by phase along x: 16 of the phase's pixels at a time, each
     * lane's sum over the phase's taps in order (a lane whose dY pixel lies outside dY adds +0).
     */
    private static void addShares(float[] shares, int pixels, ConvGeometry g, StridePhase py, StridePhase[] xs,
            int img, int y, float[] dx) {
        int oy = y / g.sh();
        int c = g.c();
        float[] sums = new float[F.length()];
        for (int rx = 0; rx < g.sw(); rx++) {
            StridePhase px = xs[rx];
            if (py.empty() || px.empty()) {
                continue; // no tap reaches these pixels: their gradient stays zero
            }
            int row = ((img * g.h() + y) * g.w() + rx) * c;
            for (int ch = 0; ch < c; ch++) {
                for (int i0 = 0; i0 < px.size(); i0 += F.length()) {
                    VectorMask<Float> phase = F.indexInRange(i0, px.size());
                    FloatVector s = FloatVector.zero(F);
                    for (int vy = 0; vy < py.taps(); vy++) {
                        int yy = oy - py.pad() + vy;
                        if (yy < 0 || yy >= g.oh()) {
                            continue;
                        }
                        int ky = py.kernelTap(vy);
                        for (int vx = 0; vx < px.taps(); vx++) {
                            int x0 = i0 - px.pad() + vx;
                            int plane = ((ky * g.kw() + px.kernelTap(vx)) * c + ch) * pixels + yy * g.ow();
                            VectorMask<Float> inside = phase.and(F.indexInRange(x0, g.ow()));
                            s = s.add(FloatVector.fromArray(F, shares, plane + x0, inside));
                        }
                    }
                    s.intoArray(sums, 0);
                    for (int l = 0; l < F.length() && i0 + l < px.size(); l++) {
                        dx[row + (i0 + l) * g.sw() * c + ch] = sums[l];
                    }
                }
            }
        }
    }
}
