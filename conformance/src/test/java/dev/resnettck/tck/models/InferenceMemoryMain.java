package dev.resnettck.tck.models;

import dev.resnettck.kernels.fast.FastBackend;
import dev.resnettck.layers.BuiltinLayers;
import dev.resnettck.nn.GradMode;
import dev.resnettck.nn.Module;
import dev.resnettck.resnet.Init;
import dev.resnettck.resnet.ResNetSpec;
import dev.resnettck.resnet.ResNets;
import dev.resnettck.tensor.Tensor;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.SplittableRandom;

/** ResNet152 inference at batch 8 on 224x224 with the fast kernels; prints the peak heap (run under -Xmx4g). */
public final class InferenceMemoryMain {
    private InferenceMemoryMain() {
    }

    public static void main(String[] args) {
        Module model = ResNets.build(ResNetSpec.RESNET152, BuiltinLayers.factories(FastBackend.create()));
        Init.realistic(model, 1);
        model.train(false);
        float[] x = new float[8 * 3 * 224 * 224];
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) Init.gaussian(r);
        }
        long start = System.nanoTime();
        Tensor logits = GradMode.noGrad(() -> model.forward(Tensor.of(x, 8, 3, 224, 224)));
        double seconds = (System.nanoTime() - start) / 1e9;
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf("logits %dx%d in %.1f s; peak heap %d MiB of %d MiB%n", logits.size(0), logits.size(1), seconds,
                peak >> 20, Runtime.getRuntime().maxMemory() >> 20);
    }
}
