package dev.resnettck.resnet;

import dev.resnettck.layers.BatchNorm2d;
import dev.resnettck.nn.Module;
import dev.resnettck.nn.Parameter;
import dev.resnettck.nn.StateDict;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Seeded, reproducible initialisation. Every tensor draws from its own stream, seeded by the run
 * seed and its state_dict key, so values do not depend on traversal order or thread count.
 */
public final class Init {
    private Init() {
    }

    /**
     * torchvision's ResNet init: conv weights ~ N(0, 2 / fan_out) (kaiming_normal_, fan_out, relu);
     * batch norm weight 1, bias 0, fresh running statistics; Linear as torch's default, weight and
     * bias ~ U(-1/sqrt(in_features), 1/sqrt(in_features)).
     */
    public static void torchvision(Module model, long seed) {
        init(model, seed, false);
    }

    /**
     * torchvision's init with batch norm weight ~ 1 + 0.1 N(0, 1) and bias ~ 0.1 N(0, 1), so channels
     * differ as in a trained network. Running statistics are left for calibration on real inputs.
     */
    public static void realistic(Module model, long seed) {
        init(model, seed, true);
    }

    private static void init(Module model, long seed, boolean perturbNorms) {
        for (Map.Entry<String, Module> m : StateDict.modules(model).entrySet()) {
            Module module = m.getValue();
            String prefix = m.getKey().isEmpty() ? "" : m.getKey() + ".";
            if (module instanceof BatchNorm2d bn) {
                bn.resetRunningStats();
            }
            Parameter weight = module.parameters().get("weight");
            int linearFanIn = weight != null && weight.shape().length == 2 ? weight.shape()[1] : 0;
            for (Map.Entry<String, Parameter> p : module.parameters().entrySet()) {
                SplittableRandom r = new SplittableRandom(seed ^ stableHash(prefix + p.getKey()));
                float[] v = p.getValue().value().data();
                int[] shape = p.getValue().shape();
                boolean isWeight = p.getKey().equals("weight");
                for (int i = 0; i < v.length; i++) {
                    double x;
                    if (module instanceof BatchNorm2d) {
                        x = (isWeight ? 1 : 0) + (perturbNorms ? 0.1 * gaussian(r) : 0);
                    } else if (shape.length == 4) {
                        x = gaussian(r) * Math.sqrt(2.0 / (shape[0] * shape[2] * shape[3]));
                    } else {
                        x = (2 * r.nextDouble() - 1) / Math.sqrt(Math.max(1, linearFanIn));
                    }
                    v[i] = (float) x;
                }
            }
        }
    }

    /** N(0, 1) by Box-Muller from two uniforms: identical on every JVM for the same stream. */
    public static double gaussian(SplittableRandom r) {
        double u1 = 1 - r.nextDouble();
        double u2 = r.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    /** FNV-1a over the key: a stream seed that is the same on every JVM. */
    public static long stableHash(String key) {
        long h = 0xcbf29ce484222325L;
        for (char c : key.toCharArray()) {
            h = (h ^ c) * 0x100000001b3L;
        }
        return h;
    }
}
