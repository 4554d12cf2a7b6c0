package dev.resnettck.kernels.fast;

import dev.resnettck.kernels.ConvGeometry;
import dev.resnettck.kernels.ConvKernels;
import dev.resnettck.kernels.Epilogue;
import dev.resnettck.kernels.fast.PixelConvolution.Pass;
import dev.resnettck.kernels.fast.PixelConvolution.Target;
import dev.resnettck.nn.GradMode;
import dev.resnettck.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The float32 convolutions on channels-last activations: inputs of any layout are read as padded
 * channels-last copies (a channels-last input without padding is read where it lies), outputs are
 * channels-last tensors ({@link Tensor#channelsLast}), which the channels-last batch norm, pooling
 * and element-wise layers take as they are. Every output element gets exactly the float operations
 * {@link FastConv} gives it, in the same order (same bits), far faster on small maps and deep
 * layers, where FastConv gathered its panels: here the receptive fields are read in place. The
 * exception: 3x3 stride-1 layers of at least 128 channels on maps of at least 7x7 (64 channels from 14x14) (the forward, and
 * the input gradient, itself such a convolution) take {@link WinogradConvolution}, another float32
 * order, held to the plain kernels within float32 rounding.
 */
public final class ChannelsLastConv implements ConvKernels {
    private final Accumulation accumulation;

    /** @param accumulation {@link Accumulation#FLOAT32} or {@link Accumulation#FLOAT32_REVERSED} */
    public ChannelsLastConv(Accumulation accumulation) {
        if (accumulation == Accumulation.FLOAT64) {
            throw new IllegalArgumentException("the channels-last convolutions sum in float32; FLOAT64 is FastConv's");
        }
        this.accumulation = accumulation;
    }

    @Override
    public Tensor forward(Tensor input, Tensor weight, Tensor bias, ConvGeometry g) {
        return forward(input, weight, bias, g, null);
    }

    /** The epilogue is applied to each output as it is written. */
    @Override
    public Tensor forward(Tensor input, Tensor weight, Tensor bias, ConvGeometry g, Epilogue then) {
        float[] w = weight.contiguous().data();
        int taps = g.kh() * g.kw();
        // allocated (and zeroed by the JVM) on this thread while the workers pad the input or pack or compare the weights
        LateArray out = new LateArray(g.n() * g.oh() * g.ow() * g.oc(), null);
        float[] residual = then == null || then.residual() == null ? null : then.residual().toChannelsLast().storage();
        ChannelRows rows = new ChannelRows(bias == null ? null : bias.contiguous().data(), then, residual);
        // inference keeps its packed weights between calls (PackedCache); training packs them on every call
        boolean packingKept = !GradMode.isEnabled();
        if (WinogradConvolution.suits(accumulation, g, packingKept)) {
            int[] border = WinogradConvolution.border(g.h(), g.w(), g.oh(), g.ow());
            PaddedNhwc in = PaddedNhwc.scratch(input, border[0], border[1], border[2], border[3], out::allocate);
            float[] kernels = packingKept
                    ? PackedCache.get(w, List.of("winograd forward", g.oc(), g.c()),
                            () -> WinogradConvolution.kernels(w, g.oc(), g.c(), false, null))
                    : WinogradConvolution.kernels(w, g.oc(), g.c(), false, WinogradConvolution.scratch(g.oc(), g.c()));
            WinogradConvolution.run(in, g.oh(), g.ow(), kernels, g.oc(), out.get(), rows);
            return Tensor.channelsLast(out.get(), g.n(), g.oc(), g.oh(), g.ow());
        }
        Pass pass = new Pass(g.n(), g.oh(), g.ow(), g.kh(), g.kw(), g.sh(), g.sw(), g.ph(), g.pw(), true);
        int[] border = pass.border(g.h(), g.w());
        PaddedNhwc in = PaddedNhwc.scratch(input, border[0], border[1], border[2], border[3], out::allocate);
        if (WeightRowsConvolution.suits(pass, g.oc(), packingKept)) {
            WeightRowsConvolution.run(accumulation, in, pass, w, whole(out, g), rows);
        } else {
            boolean[] live = pass.liveTaps(g.h(), g.w());
            // where the weights outweigh the pixels, training's tasks each pack their own lane panel
            if (!packingKept && PixelConvolution.packingSuits(pass, g.oc())) {
                PixelConvolution.runPacking(accumulation, in, pass,
                        (j, into) -> WeightPanels.forwardPanel(w, g.oc(), g.c(), taps, live, j, into),
                        whole(out, g), rows);
                return Tensor.channelsLast(out.get(), g.n(), g.oc(), g.oh(), g.ow());
            }
            float[] panels = packingKept
                    ? PackedCache.get(w, List.of("channels-last forward", g.oc(), g.c(), taps, Arrays.toString(live)),
                            () -> WeightPanels.forward(w, g.oc(), g.c(), taps, live), out::allocate)
                    : WeightPanels.forwardScratch(w, g.oc(), g.c(), taps, live, out::allocate);
            PixelConvolution.run(accumulation, in, pass, panels, whole(out, g), rows);
        }
        return Tensor.channelsLast(out.get(), g.n(), g.oc(), g.oh(), g.ow());
    }

    /**
     * dX by stride phases ({@link StridePhase}): each a stride-1 convolution of dY with a rotated
     * sub-kernel, written to every stride-th pixel; pixels no tap reaches stay zero.
     */
    @Override
    public Tensor backwardInput(Tensor gradOutput, Tensor weight, ConvGeometry g) {
        float[] w = weight.contiguous().data();
        if (FewChannelInputGradient.suits(accumulation, g)) { // the same sums, not 3 of 32 lanes
            float[] dy = PaddedNhwc.of(gradOutput, 0, 0, 0, 0).data();
            return Tensor.channelsLast(FewChannelInputGradient.run(dy, w, g), g.n(), g.c(), g.h(), g.w());
        }
        // allocated (and zeroed: pixels no tap reaches get no gradient) on this thread while the workers pad dY or pack
        LateArray dx = new LateArray(g.n() * g.h() * g.w() * g.c(), null);
        // a 3x3 stride-1 input gradient is a 3x3 stride-1 convolution of dY with the kernels turned and transposed
        if (WinogradConvolution.suits(accumulation, g, false)) {
            int[] border = WinogradConvolution.border(g.oh(), g.ow(), g.h(), g.w());
            PaddedNhwc dy = PaddedNhwc.scratch(gradOutput, border[0], border[1], border[2], border[3], dx::allocate);
            float[] kernels = WinogradConvolution.kernels(w, g.oc(), g.c(), true, WinogradConvolution.scratch(g.oc(), g.c()));
            WinogradConvolution.run(dy, g.h(), g.w(), kernels, g.c(), dx.get(), new ChannelRows(null, null, null));
            return Tensor.channelsLast(dx.get(), g.n(), g.c(), g.h(), g.w());
        }
        StridePhase[] ys = StridePhase.all(g.h(), g.kh(), g.sh(), g.ph());
        StridePhase[] xs = StridePhase.all(g.w(), g.kw(), g.sw(), g.pw());
        int[] border = new int[4];
        reach(ys, g.oh(), border, 0);
        reach(xs, g.ow(), border, 2);
        PaddedNhwc dy = PaddedNhwc.scratch(gradOutput, border[0], border[1], border[2], border[3], dx::allocate);
        // the phases any tap reaches (the others' pixels get no gradient: zero), their weights packed in one pass
        List<int[]> phases = new ArrayList<>();
        for (int ry = 0; ry < g.sh(); ry++) {
            for (int rx = 0; rx < g.sw(); rx++) {
                if (!ys[ry].empty() && !xs[rx].empty()) {
                    phases.add(new int[] {ry, rx});
                }
            }
        }
        int[][] tapOf = new int[phases.size()][];
        boolean[][] live = new boolean[phases.size()][];
        Pass[] passes = new Pass[phases.size()];
        for (int p = 0; p < phases.size(); p++) {
            StridePhase py = ys[phases.get(p)[0]];
            StridePhase px = xs[phases.get(p)[1]];
            tapOf[p] = new int[py.taps() * px.taps()];
            for (int vy = 0; vy < py.taps(); vy++) {
                for (int vx = 0; vx < px.taps(); vx++) {
                    tapOf[p][vy * px.taps() + vx] = py.kernelTap(vy) * g.kw() + px.kernelTap(vx);
                }
            }
            passes[p] = phasePass(g, py, px);
            live[p] = passes[p].liveTaps(g.oh(), g.ow());
        }
        ChannelRows plain = new ChannelRows(null, null, null);
        // phases over few pixels each: each task packs its own lane panel of every phase in one sweep over its weights,
        // then runs the phases against it in turn. Packed whole first, each task read the packing back from memory:
        // one JVM alternating, batch 8, 20 rounds, medians of per-round ratios, the same bits: 512->512 3x3/2 @14
        // -19%, at batch 1 -29%; the gate's 256->512 3x3/2 @2 (batch 64) -16%. (A set of tasks per phase, each
        // packing its own, read every weight once per phase: the gate's layer 0.78-0.94 -> 1.38-2.09 ms.)
        if (allSuitPacking(passes, g.c())) {
            int[] at = new int[phases.size()];
            Target[] targets = new Target[phases.size()];
            for (int p = 0; p < phases.size(); p++) {
                at[p] = p == 0 ? 0 : at[p - 1] + tapOf[p - 1].length * g.oc() * Tile.NR;
                targets[p] = new Target(dx.get(), g.c(), g.h(), g.w(), phases.get(p)[0], phases.get(p)[1], g.sh(), g.sw());
            }
            PixelConvolution.runPacking(accumulation, dy, passes, at, (j, into) -> WeightPanels.inputGradientPanel(w,
                    g.oc(), g.c(), g.kh() * g.kw(), tapOf, live, j, at, into), targets, plain);
            return Tensor.channelsLast(dx.get(), g.n(), g.c(), g.h(), g.w());
        }
        WeightPanels.Phases panels = WeightPanels.inputGradient(w, g.oc(), g.c(), g.kh() * g.kw(), tapOf, live,
                dx::allocate);
        for (int p = 0; p < phases.size(); p++) {
            int ry = phases.get(p)[0];
            int rx = phases.get(p)[1];
            PixelConvolution.run(accumulation, dy, passes[p], panels.data(), panels.start()[p],
                    new Target(dx.get(), g.c(), g.h(), g.w(), ry, rx, g.sh(), g.sw()), plain);
        }
        return Tensor.channelsLast(dx.get(), g.n(), g.c(), g.h(), g.w());
    }

    /** Whether there are passes (a map may give no tap any pixel) and every one suits {@link PixelConvolution#runPacking}. */
    private static boolean allSuitPacking(Pass[] passes, int channels) {
        if (passes.length == 0) {
            return false;
        }
        for (Pass pass : passes) {
            if (!PixelConvolution.packingSuits(pass, channels)) {
                return false;
            }
        }
        return true;
    }

    /** The forward's whole output, allocated now if the workers' first step has not yet. */
    private static Target whole(LateArray out, ConvGeometry g) {
        return Target.whole(out.get(), g.oc(), g.oh(), g.ow());
    }

    /** One phase as a stride-1 pass over dY. */
    private static Pass phasePass(ConvGeometry g, StridePhase py, StridePhase px) {
        return new Pass(g.n(), py.size(), px.size(), py.taps(), px.taps(), 1, 1, py.pad(), px.pad(), false);
    }

    /**
     * The border dY needs along one axis (extent {@code size}) for every phase to read inside it:
     * phase p reads dY from {@code -pad} to {@code size + taps - 2 - pad} of its own pixels.
     */
    private static void reach(StridePhase[] phases, int size, int[] border, int at) {
        for (StridePhase p : phases) {
            if (!p.empty()) {
                border[at] = Math.max(border[at], p.pad());
                border[at + 1] = Math.max(border[at + 1], p.size() + p.taps() - 1 - p.pad() - size);
            }
        }
    }

    @Override
    public Tensor backwardWeight(Tensor gradOutput, Tensor input, ConvGeometry g) {
        return Tensor.of(weightGradient(gradOutput, input, g, null), g.weightShape());
    }

    @Override
    public boolean backwardWeight(Tensor gradOutput, Tensor input, ConvGeometry g, float[] into) {
        if (into.length != g.oc() * g.c() * g.kh() * g.kw()) {
            return false;
        }
        weightGradient(gradOutput, input, g, into);
        return true;
    }

    /** dW into {@code into}, or a new array where it is null. */
    private float[] weightGradient(Tensor gradOutput, Tensor input, ConvGeometry g, float[] into) {
        return WeightGradient.run(accumulation, PaddedNhwc.of(gradOutput, 0, 0, 0, 0).data(), input, g, into);
    }
}
