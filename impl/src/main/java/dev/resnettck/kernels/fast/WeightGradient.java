package dev.resnettck.kernels.fast;

import dev.resnettck.kernels.ConvGeometry;
import java.util.Arrays;
import jdk.incubator.vector.FloatVector;

/**
 * A convolution's weight gradient on {@link Tile}: rows = output channels, read in place from the
 * channels-last output gradient (a pixel's channels, then the next pixel's); lanes = (tap, input
 * channel) pairs, the receptive fields packed per block (a pixel's channels are contiguous, so a
 * lane panel inside one tap is copied a run at a time); depth = output pixels (image, oy, ox) in
 * blocks of {@link Gemm#KC}. The blocks, their order and each product's place in its block are
 * {@link FastConv}'s, so each element gets the same float operations in the same order. Each output
 * tile is one task's, summed over every block in order: bit-identical for any thread count. Tasks
 * split the lanes before the rows, so a block's fields are packed once where possible.
 */
final class WeightGradient {
    /** Output tiles: at most this many rows by this many lanes (the running sums stay in L2). */
    private static final int ROWS = 43 * Tile.MR;
    private static final int LANES = 8 * Tile.NR;

    private WeightGradient() {
    }

    /** dW (oc, c, kh, kw) from dY (channels-last, oc channels) and x. */
    static float[] run(Accumulation acc, float[] dy, PaddedNhwc x, ConvGeometry g) {
        return new Job(acc, dy, x, g).run();
    }

    private static final class Job {
        private final boolean reversed;
        private final float[] dy;
        private final PaddedNhwc x;
        private final ConvGeometry g;
        private final int taps;
        private final int m;
        private final int n;
        private final int[] blocks;
        private final float[] dw;

        Job(Accumulation acc, float[] dy, PaddedNhwc x, ConvGeometry g) {
            this.reversed = acc == Accumulation.FLOAT32_REVERSED;
            this.dy = dy;
            this.x = x;
            this.g = g;
            this.taps = g.kh() * g.kw();
            this.m = g.oc();
            this.n = taps * g.c();
            this.blocks = Gemm.blocks(g.n() * g.oh() * g.ow(), new int[0]);
            this.dw = new float[m * n];
        }

        float[] run() {
            int rows = Math.min(ROWS, Gemm.roundUp(m, Tile.MR));
            int lanes = Math.min(LANES, Gemm.roundUp(n, Tile.NR));
            int want = 4 * Parallel.threads();
            while (tiles(rows, lanes) < want && lanes > Tile.NR) {
                lanes = Gemm.roundUp(lanes / 2, Tile.NR);
            }
            while (tiles(rows, lanes) < want && rows > Tile.MR) {
                rows = Gemm.roundUp(rows / 2, Tile.MR);
            }
            int fRows = rows;
            int fLanes = lanes;
            int nTiles = Gemm.tiles(n, lanes);
            Parallel.forEach(tiles(rows, lanes), t -> tile(t / nTiles * fRows, fRows, t % nTiles * fLanes, fLanes));
            return dw;
        }

        private int tiles(int rows, int lanes) {
            return Gemm.tiles(m, rows) * Gemm.tiles(n, lanes);
        }

        private void tile(int m0, int rows, int n0, int lanes) {
            int mPanels = Gemm.tiles(Math.min(rows, m - m0), Tile.MR);
            int nPanels = Gemm.tiles(Math.min(lanes, n - n0), Tile.NR);
            int size = mPanels * nPanels * Tile.MR * Tile.NR;
            float[] c = Scratch.floats(0, size);
            Arrays.fill(c, 0, size, 0f);
            float[] b = Scratch.floats(2, nPanels * Gemm.KC * Tile.NR);
            boolean[] live = new boolean[nPanels];
            int[][] o = new int[mPanels][Tile.MR];
            for (int i = 0; i < mPanels; i++) {
                for (int r = 0; r < Tile.MR; r++) {
                    // rows past the last channel repeat the panel's first, and are not written
                    int row = m0 + i * Tile.MR + r;
                    o[i][r] = row < m ? row : m0 + i * Tile.MR;
                }
            }
            for (int step = 0; step + 1 < blocks.length; step++) {
                int blk = reversed ? blocks.length - 2 - step : step;
                int k0 = blocks[blk];
                int kc = blocks[blk + 1] - k0;
                boolean any = false;
                for (int j = 0; j < nPanels; j++) {
                    live[j] = packFields(n0 + j * Tile.NR, k0, kc, b, j * kc * Tile.NR);
                    any |= live[j];
                }
                if (!any) {
                    continue;
                }
                for (int j = 0; j < nPanels; j++) {
                    if (!live[j]) {
                        continue;
                    }
                    for (int i = 0; i < mPanels; i++) {
                        int ci = (i * nPanels + j) * Tile.MR * Tile.NR;
                        if (reversed) {
                            Tile.blockReversed(dy, o[i], k0 * m, m, kc, b, j * kc * Tile.NR, c, ci);
                        } else {
                            Tile.block(dy, o[i], k0 * m, m, kc, b, j * kc * Tile.NR, c, ci);
                        }
                    }
                }
            }
            write(m0, mPanels, n0, nPanels, c);
        }

        /**
         * Lanes [l0, l0 + NR) (pairs (tap, channel), tap-major) of the receptive fields of pixels
         * [k0, k0 + kc): {@code b[at + kk * NR + lane]}, zero in the padding and past the last pair.
         * Returns whether any value may be non-zero (some tap meets the input for some pixel).
         */
        private boolean packFields(int l0, int k0, int kc, float[] b, int at) {
            int c = g.c();
            // the panel's lanes as runs inside one tap each: (first lane, ky, kx, channel, length)
            int[] runs = new int[5 * Tile.NR];
            int count = 0;
            for (int lane = 0; lane < Tile.NR && l0 + lane < n; count++) {
                int t = (l0 + lane) / c;
                int ch = (l0 + lane) % c;
                int length = Math.min(Math.min(Tile.NR - lane, n - l0 - lane), c - ch);
                runs[5 * count] = lane;
                runs[5 * count + 1] = t / g.kw();
                runs[5 * count + 2] = t % g.kw();
                runs[5 * count + 3] = ch;
                runs[5 * count + 4] = length;
                lane += length;
            }
            if (l0 + Tile.NR > n) {
                Arrays.fill(b, at, at + kc * Tile.NR, 0f); // lanes past the last pair stay zero
            }
            float[] in = x.data();
            int plane = g.oh() * g.ow();
            int img = k0 / plane;
            int oy = k0 % plane / g.ow();
            int ox = k0 % g.ow();
            boolean any = false;
            for (int kk = 0; kk < kc; kk++) {
                int iy0 = oy * g.sh() - g.ph();
                int ix0 = ox * g.sw() - g.pw();
                for (int r = 0; r < count; r++) {
                    int to = at + kk * Tile.NR + runs[5 * r];
                    int length = runs[5 * r + 4];
                    int iy = iy0 + runs[5 * r + 1];
                    int ix = ix0 + runs[5 * r + 2];
                    if (iy >= 0 && iy < g.h() && ix >= 0 && ix < g.w()) {
                        int from = x.at(img, iy, ix) + runs[5 * r + 3];
                        if (length == Tile.NR) {
                            FloatVector.fromArray(Tile.F, in, from).intoArray(b, to);
                            FloatVector.fromArray(Tile.F, in, from + Tile.L).intoArray(b, to + Tile.L);
                        } else {
                            System.arraycopy(in, from, b, to, length);
                        }
                        any = true;
                    } else {
                        Arrays.fill(b, to, to + length, 0f);
                    }
                }
                if (++ox == g.ow()) {
                    ox = 0;
                    if (++oy == g.oh()) {
                        oy = 0;
                        img++;
                    }
                }
            }
            return any;
        }

        private void write(int m0, int mPanels, int n0, int nPanels, float[] c) {
            int ch = g.c();
            for (int i = 0; i < mPanels; i++) {
                for (int r = 0; r < Tile.MR && m0 + i * Tile.MR + r < m; r++) {
                    int oc = m0 + i * Tile.MR + r;
                    for (int j = 0; j < nPanels; j++) {
                        int ci = (i * nPanels + j) * Tile.MR * Tile.NR + r * Tile.NR;
                        for (int lane = 0; lane < Tile.NR && n0 + j * Tile.NR + lane < n; lane++) {
                            int k = n0 + j * Tile.NR + lane;
                            dw[(oc * ch + k % ch) * taps + k / ch] = c[ci + lane];
                        }
                    }
                }
            }
        }
    }
}
