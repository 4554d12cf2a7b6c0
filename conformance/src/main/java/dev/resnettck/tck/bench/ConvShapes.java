package dev.resnettck.tck.bench;

import dev.resnettck.resnet.ResNetSpec;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/** Every convolution a ResNet runs on a square input, in order, derived from its spec. */
public final class ConvShapes {

    /** One convolution: channels, kernel, stride, padding and the input's side. */
    public record Shape(int in, int out, int kernel, int stride, int padding, int size) {
        public int outSize() {
            return (size + 2 * padding - kernel) / stride + 1;
        }

        public long macs(int batch) {
            return (long) batch * out * outSize() * outSize() * in * kernel * kernel;
        }

        @Override
        public String toString() {
            return in + "->" + out + " " + kernel + "x" + kernel + "/" + stride + " @" + size;
        }
    }

    private ConvShapes() {
    }

    public static List<Shape> all(ResNetSpec spec, int size) {
        List<Shape> out = new ArrayList<>();
        Shape stem = new Shape(spec.inChannels(), spec.stemChannels(), 7, 2, 3, size);
        out.add(stem);
        int h = (stem.outSize() + 2 - 3) / 2 + 1;
        for (int stage = 0; stage < spec.stages(); stage++) {
            int planes = spec.widths().get(stage);
            int width = spec.stageOutChannels(stage);
            for (int i = 0; i < spec.blocksPerStage().get(stage); i++) {
                int in = i == 0 ? spec.stageInChannels(stage) : width;
                int stride = i == 0 ? spec.strides().get(stage) : 1;
                int h2 = (h + 2 - 3) / stride + 1;
                if (spec.block().expansion() == 1) {
                    out.add(new Shape(in, planes, 3, stride, 1, h));
                    out.add(new Shape(planes, planes, 3, 1, 1, h2));
                } else {
                    out.add(new Shape(in, planes, 1, 1, 0, h));
                    out.add(new Shape(planes, planes, 3, stride, 1, h));
                    out.add(new Shape(planes, width, 1, 1, 0, h2));
                }
                if (stride != 1 || in != width) {
                    out.add(new Shape(in, width, 1, stride, 0, h));
                }
                h = h2;
            }
        }
        return out;
    }

    public static List<Shape> distinct(ResNetSpec spec, int size) {
        return List.copyOf(new LinkedHashSet<>(all(spec, size)));
    }

    /** Multiply-accumulates of one image through the model (convolutions and the classifier). */
    public static long modelMacs(ResNetSpec spec, int size) {
        long macs = (long) spec.features() * spec.numClasses();
        for (Shape s : all(spec, size)) {
            macs += s.macs(1);
        }
        return macs;
    }
}
