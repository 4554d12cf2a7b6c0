package dev.resnettck.tck.blocks;

import dev.resnettck.nn.BatchNorm2dOptions;
import dev.resnettck.nn.Conv2dOptions;
import dev.resnettck.nn.LayerFactories;
import dev.resnettck.nn.Module;
import dev.resnettck.nn.Sequential;
import dev.resnettck.resnet.BlockKind;
import dev.resnettck.tensor.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A residual block run by the suite layer by layer: the implementation's Conv2d, BatchNorm2d and
 * ReLU, chained in torchvision's order, the shortcut run separately and the two summed by the
 * suite. When this matches torch and the implementation's own block does not, the fault is in the
 * block's composition, not in a layer.
 */
final class DecomposedBlock implements Module {
    private final List<Module> path = new ArrayList<>();
    private final Module downConv;
    private final Module downBn;
    private final Module relu;
    private final Map<String, Module> children = new LinkedHashMap<>();

    DecomposedBlock(BlockKind kind, int in, int planes, int stride, LayerFactories layers) {
        int out = planes * kind.expansion();
        if (kind == BlockKind.BASIC) {
            conv(layers, 1, Conv2dOptions.conv3x3(in, planes, stride), true);
            conv(layers, 2, Conv2dOptions.conv3x3(planes, planes, 1), false);
        } else {
            conv(layers, 1, Conv2dOptions.conv1x1(in, planes, 1), true);
            conv(layers, 2, Conv2dOptions.conv3x3(planes, planes, stride), true);
            conv(layers, 3, Conv2dOptions.conv1x1(planes, out, 1), false);
        }
        if (stride != 1 || in != out) {
            downConv = layers.conv2d().apply(Conv2dOptions.conv1x1(in, out, stride));
            downBn = layers.batchNorm2d().apply(BatchNorm2dOptions.of(out));
            children.put("downsample", Sequential.of(downConv, downBn)); // named like torchvision; run piecewise
        } else {
            downConv = null;
            downBn = null;
        }
        relu = layers.relu().get();
    }

    private void conv(LayerFactories layers, int i, Conv2dOptions o, boolean withRelu) {
        Module c = layers.conv2d().apply(o);
        Module bn = layers.batchNorm2d().apply(BatchNorm2dOptions.of(o.outChannels()));
        children.put("conv" + i, c);
        children.put("bn" + i, bn);
        path.add(c);
        path.add(bn);
        if (withRelu) {
            path.add(layers.relu().get());
        }
    }

    @Override
    public Tensor forward(Tensor x) {
        Tensor a = x;
        for (Module m : path) {
            a = m.forward(a);
        }
        Tensor s = downConv == null ? x : downBn.forward(downConv.forward(x));
        return relu.forward(Sum.of(a, s));
    }

    @Override
    public Tensor backward(Tensor gradOutput) {
        Tensor g = relu.backward(gradOutput);
        Tensor ga = g;
        List<Module> reversed = new ArrayList<>(path);
        Collections.reverse(reversed);
        for (Module m : reversed) {
            ga = m.backward(ga);
        }
        Tensor gs = downConv == null ? g : downConv.backward(downBn.backward(g));
        return Sum.of(ga, gs);
    }

    @Override
    public Map<String, Module> children() {
        return children;
    }

    /** The suite's elementwise sum, in float as torch adds float32 tensors. */
    static final class Sum {
        private Sum() {
        }

        static Tensor of(Tensor a, Tensor b) {
            float[] x = a.data();
            float[] y = b.data();
            if (x.length != y.length) {
                throw new IllegalArgumentException("decomposed block: path " + java.util.Arrays.toString(a.shape())
                        + " and shortcut " + java.util.Arrays.toString(b.shape()) + " differ");
            }
            float[] s = new float[x.length];
            for (int i = 0; i < s.length; i++) {
                s[i] = x[i] + y[i];
            }
            return Tensor.of(s, a.shape());
        }
    }
}
