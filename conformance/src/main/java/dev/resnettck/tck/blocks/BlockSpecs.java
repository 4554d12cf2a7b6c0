package dev.resnettck.tck.blocks;

import dev.resnettck.nn.Conv2dOptions;
import dev.resnettck.nn.LayerFactories;
import dev.resnettck.nn.Module;
import dev.resnettck.nn.Sequential;
import dev.resnettck.reference.TorchVision;
import dev.resnettck.resnet.BlockKind;
import dev.resnettck.resnet.Blocks;
import dev.resnettck.resnet.ResNets;
import dev.resnettck.tck.layers.LayerSpec;
import dev.resnettck.tck.layers.StateEntry;
import dev.resnettck.tck.layers.ValueProfile;
import dev.resnettck.tck.torchvision.TorchVisionLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.impl.Constraint;

/**
 * The blocks as layer entries: each checked fused (the implementation's own composition) and
 * decomposed (the suite chaining the implementation's layers), against torchvision's code.
 */
final class BlockSpecs {
    private static final List<ValueProfile> PROFILES = List.of(ValueProfile.NORMAL, ValueProfile.LARGE,
            ValueProfile.ZEROS);

    private BlockSpecs() {
    }

    static LayerSpec<BlockArgs> residual(BlockKind kind, boolean decomposed) {
        String id = kind.name() + (decomposed ? "-DECOMPOSED" : "");
        String name = (kind == BlockKind.BASIC ? "torchvision BasicBlock" : "torchvision Bottleneck (v1.5)")
                + (decomposed ? ", run layer by layer by the suite" : "");
        return spec(id, name, in -> draw(in, kind, 1),
                a -> TorchVisionLayout.block("", kind, a.in(), a.planes(), a.stride()),
                decomposed ? (l, a) -> new DecomposedBlock(kind, a.in(), a.planes(), a.stride(), l)
                        : (l, a) -> ResNets.residualBlock(kind, a.in(), a.planes(), a.stride(), l));
    }

    static LayerSpec<BlockArgs> group(boolean decomposed) {
        return spec(decomposed ? "GROUP-DECOMPOSED" : "GROUP",
                "a block group (torchvision _make_layer)" + (decomposed ? ", run layer by layer by the suite" : ""),
                in -> draw(in, in.next(Constraint.between(0, 1)) == 0 ? BlockKind.BASIC : BlockKind.BOTTLENECK,
                        (int) in.next(Constraint.between(2, 3))),
                TorchVisionLayout::group,
                decomposed ? BlockSpecs::decomposedGroup
                        : (l, a) -> ResNets.blockGroup(a.kind(), a.in(), a.planes(), a.blocks(), a.stride(), l));
    }

    private static Module decomposedGroup(LayerFactories l, BlockArgs a) {
        Module[] blocks = new Module[a.blocks()];
        for (int i = 0; i < blocks.length; i++) {
            blocks[i] = new DecomposedBlock(a.kind(), i == 0 ? a.in() : a.out(), a.planes(), i == 0 ? a.stride() : 1, l);
        }
        return Sequential.of(blocks);
    }

    private static LayerSpec<BlockArgs> spec(String id, String name, Gen<BlockArgs> gen,
                                             java.util.function.Function<BlockArgs, List<StateEntry>> layout,
                                             BiFunction<LayerFactories, BlockArgs, Module> build) {
        return new LayerSpec<>(id, name, BlockArgs.class, gen, BlockArgs::inputShape, layout, build,
                (t, a, x, st, training) -> a.blocks() == 1
                        ? (a.kind() == BlockKind.BASIC ? TorchVision.basicBlock(t, st, "", x, a.stride(), training)
                                : TorchVision.bottleneck(t, st, "", x, a.stride(), training))
                        : TorchVision.blockGroup(t, st, "", x, a.kind() == BlockKind.BOTTLENECK, a.blocks(), a.stride(),
                                training),
                TorchVisionLayout::ulpBudget, a -> a, PROFILES, List.of(), null);
    }

    /** Half the cases keep the identity shortcut (stride 1, channels unchanged), half need a projection. */
    private static BlockArgs draw(RandomnessSource in, BlockKind kind, int blocks) {
        int planes = (int) in.next(Constraint.between(1, 4));
        boolean identity = in.next(Constraint.between(0, 1)) == 0;
        int stride = identity ? 1 : (int) in.next(Constraint.between(1, 2));
        int channels = identity ? planes * kind.expansion() : (int) in.next(Constraint.between(1, 6));
        int n = (int) in.next(Constraint.between(2, 3)); // two images keep batch statistics defined after stride 2
        int h = (int) in.next(Constraint.between(1, 7));
        int w = (int) in.next(Constraint.between(1, 7));
        return new BlockArgs(kind, n, channels, h, w, planes, stride, blocks);
    }

    /** Conv2d -> BatchNorm2d -> optional ReLU, the seed's conv layer. */
    record ConvLayerArgs(int n, int h, int w, Conv2dOptions conv, boolean relu) {
        @Override
        public String toString() {
            return "input (" + n + ", " + conv.inChannels() + ", " + h + ", " + w + ") conv " + conv.kernelSize() + "/"
                    + conv.stride() + " " + conv.inChannels() + "->" + conv.outChannels() + ", bn" + (relu ? ", relu" : "");
        }
    }

    static LayerSpec<ConvLayerArgs> convLayer() {
        return new LayerSpec<>("CONVLAYER", "conv layer (Conv2d, BatchNorm2d, optional ReLU)", ConvLayerArgs.class,
                in -> {
                    int k = new int[] {1, 3, 7}[(int) in.next(Constraint.between(0, 2))];
                    int stride = (int) in.next(Constraint.between(1, 2));
                    Conv2dOptions o = Conv2dOptions.of((int) in.next(Constraint.between(1, 4)),
                            (int) in.next(Constraint.between(1, 4)), k, stride, k / 2, false);
                    return new ConvLayerArgs((int) in.next(Constraint.between(2, 3)), (int) in.next(Constraint.between(1, 8)),
                            (int) in.next(Constraint.between(1, 8)), o, in.next(Constraint.between(0, 1)) == 1);
                },
                a -> new int[] {a.n(), a.conv().inChannels(), a.h(), a.w()},
                a -> {
                    List<StateEntry> s = new ArrayList<>();
                    TorchVisionLayout.convBn(s, "conv1", "bn1", a.conv().outChannels(), a.conv().inChannels(),
                            a.conv().kernelSize().h());
                    return s;
                },
                (l, a) -> Blocks.convLayer(a.conv(), a.relu(), l),
                (t, a, x, st, training) -> {
                    var y = TorchVision.convBn(t, st, "conv1", "bn1", x, a.conv().stride().h(), training);
                    return a.relu() ? t.relu(y) : y;
                },
                a -> 2.0 * a.conv().kernelSize().h() * a.conv().kernelSize().w() * a.conv().inChannels() + 6,
                a -> a, PROFILES, List.of(), null);
    }
}
