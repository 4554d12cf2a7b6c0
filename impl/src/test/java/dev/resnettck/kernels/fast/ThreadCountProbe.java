package dev.resnettck.kernels.fast;

import dev.resnettck.layers.BuiltinLayers;
import dev.resnettck.layers.CrossEntropyLoss;
import dev.resnettck.nn.Module;
import dev.resnettck.nn.StateDict;
import dev.resnettck.resnet.Init;
import dev.resnettck.resnet.ResNetSpec;
import dev.resnettck.resnet.ResNets;
import dev.resnettck.tensor.Tensor;
import dev.resnettck.train.Sgd;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.SplittableRandom;

/**
 * Run in a child JVM by {@link ThreadCountDeterminismTest} with {@code -Dtck.threads=N}: one
 * training step of a ResNet18 and a ResNet50 on the fast kernels (forward, loss, backward, SGD
 * step, evaluation forward), printing a SHA-256 of every value produced; then, on a line of its
 * own, the bits of a sum split into one float partial per thread ({@code planted}), the kind of
 * thread-dependent kernel the test must be able to catch.
 */
public final class ThreadCountProbe {
    private ThreadCountProbe() {
    }

    public static void main(String[] args) throws Exception {
        for (ResNetSpec spec : new ResNetSpec[] {ResNetSpec.RESNET18, ResNetSpec.RESNET50}) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            Module model = ResNets.build(spec.withInChannels(1).withNumClasses(10), BuiltinLayers.factories(FastBackend.create()));
            Init.torchvision(model, 7);
            SplittableRandom r = new SplittableRandom(11);
            float[] x = new float[3 * 40 * 40];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) Init.gaussian(r);
            }
            model.train(true);
            Tensor logits = model.forward(Tensor.of(x, 3, 1, 40, 40));
            CrossEntropyLoss loss = new CrossEntropyLoss();
            double value = loss.forward(logits, new int[] {1, 4, 9});
            Tensor dx = model.backward(loss.backward());
            new Sgd(StateDict.parameters(model), 0.1, 0.9, 1e-4).step();
            model.train(false);
            Tensor after = model.forward(Tensor.of(x, 3, 1, 40, 40));
            digest(sha, logits.data());
            sha.update(ByteBuffer.allocate(8).putDouble(value).array());
            digest(sha, dx.data());
            StateDict.entries(model).values().forEach(t -> digest(sha, t.data()));
            digest(sha, after.data());
            System.out.println(spec.name() + " " + HexFormat.of().formatHex(sha.digest()));
            float planted = perThreadSum(StateDict.entries(model).get("fc.weight").data());
            System.out.println("planted " + spec.name() + " " + Integer.toHexString(Float.floatToRawIntBits(planted)));
        }
        System.out.println("resnet-sized winograd " + winograd());
    }

    /**
     * The probe's maps are too small for {@link WinogradConvolution} (it wants 7x7 and 128 channels): a
     * 128->128 3x3 layer at 14x14, batch 4, forward (training and inference) and input gradient, hashed.
     */
    private static String winograd() throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        SplittableRandom r = new SplittableRandom(13);
        Tensor x = KernelAgreement.random(r, 4, 128, 14, 14);
        Tensor w = KernelAgreement.random(r, 128, 128, 3, 3);
        Tensor gy = KernelAgreement.random(r, 4, 128, 14, 14);
        dev.resnettck.kernels.ConvGeometry g = dev.resnettck.kernels.ConvGeometry.of(x.shape(), w.shape(),
                dev.resnettck.nn.Size2.of(1), dev.resnettck.nn.Size2.of(1));
        if (!WinogradConvolution.suits(Accumulation.FLOAT32, g, false)) {
            throw new IllegalStateException("the Winograd probe's shape does not take the Winograd path");
        }
        ChannelsLastConv conv = new ChannelsLastConv(Accumulation.FLOAT32);
        digest(sha, conv.forward(x, w, null, g).contiguous().data());
        digest(sha, dev.resnettck.nn.GradMode.noGrad(() -> conv.forward(x, w, null, g)).contiguous().data());
        digest(sha, conv.backwardInput(gy, w, g).contiguous().data());
        return HexFormat.of().formatHex(sha.digest());
    }

    /** A deliberately thread-dependent reduction: one float partial sum per thread, then added up. */
    private static float perThreadSum(float[] values) {
        int chunks = Parallel.threads();
        float[] partial = new float[chunks];
        Parallel.forEach(chunks, c -> {
            float s = 0;
            for (int i = c; i < values.length; i += chunks) {
                s += values[i];
            }
            partial[c] = s;
        });
        float total = 0;
        for (float p : partial) {
            total += p;
        }
        return total;
    }

    private static void digest(MessageDigest sha, float[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4);
        b.asFloatBuffer().put(values);
        sha.update(b.array());
    }
}
