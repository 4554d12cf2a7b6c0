package dev.resnettck.tck.layers;

import dev.resnettck.nn.BatchNorm2dOptions;
import dev.resnettck.nn.StateDict;
import dev.resnettck.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code torch.nn.BatchNorm2d}: torch's defaults (eps 1e-5, momentum 0.1) most of the time, other
 * momenta and eps too, so a momentum applied the wrong way cannot hide.
 */
final class BatchNorm2dSpec {
    private BatchNorm2dSpec() {
    }

    record Args(int n, int h, int w, BatchNorm2dOptions o) {
        @Override
        public String toString() {
            return "input " + Draw.shape(n, o.numFeatures(), h, w) + " BatchNorm2d(" + o.numFeatures() + ", eps="
                    + o.eps() + ", momentum=" + o.momentum() + ")";
        }
    }

    static LayerSpec<Args> spec() {
        return new LayerSpec<>("BATCHNORM2D", "torch.nn.BatchNorm2d", Args.class,
                in -> {
                    int n = Draw.between(in, 1, 4);
                    int h = Draw.between(in, 1, 6);
                    int w = Draw.between(in, n * h > 1 ? 1 : 2, 6);
                    double momentum = Draw.bool(in) ? 0.1 : new double[] {0.3, 1.0, 0.0, 0.01}[Draw.between(in, 0, 3)];
                    double eps = Draw.bool(in) ? 1e-5 : 1e-3;
                    return new Args(n, h, w, new BatchNorm2dOptions(Draw.between(in, 1, 6), eps, momentum));
                },
                a -> new int[] {a.n(), a.o().numFeatures(), a.h(), a.w()},
                a -> {
                    int c = a.o().numFeatures();
                    return List.of(StateEntry.of("weight", StateEntry.Kind.GAMMA, c),
                            StateEntry.of("bias", StateEntry.Kind.BETA, c),
                            StateEntry.of("running_mean", StateEntry.Kind.RUNNING_MEAN, c),
                            StateEntry.of("running_var", StateEntry.Kind.RUNNING_VAR, c),
                            StateEntry.of("num_batches_tracked", StateEntry.Kind.COUNT));
                },
                (layers, a) -> layers.batchNorm2d().apply(a.o()),
                (torch, a, x, st, training) -> torch.batchNorm2d(x, st.get("weight"), st.get("bias"),
                        st.get("running_mean"), st.get("running_var"), a.o().momentum(), a.o().eps(), training),
                a -> 6,
                // a batch of one keeps at least two values per channel, as training needs
                a -> new Args(1, Math.max(a.h(), 2), a.w(), a.o()),
                List.of(ValueProfile.NORMAL, ValueProfile.LARGE, ValueProfile.TINY, ValueProfile.ZEROS, ValueProfile.TIES),
                List.of(
                        new InvalidArgument("input with 3 channels into BatchNorm2d(num_features=4)", "channels",
                                l -> l.batchNorm2d().apply(BatchNorm2dOptions.of(4)).forward(Tensor.zeros(2, 3, 2, 2))),
                        new InvalidArgument("a 2-d input (N, C)", "shape",
                                l -> l.batchNorm2d().apply(BatchNorm2dOptions.of(4)).forward(Tensor.zeros(2, 4))),
                        new InvalidArgument("one value per channel in training mode", "more than 1 value per channel",
                                l -> l.batchNorm2d().apply(BatchNorm2dOptions.of(2)).forward(Tensor.zeros(1, 2, 1, 1))),
                        new InvalidArgument("num_features 0", "num_features", l -> l.batchNorm2d().apply(BatchNorm2dOptions.of(0))),
                        new InvalidArgument("eps -1e-5", "eps", l -> l.batchNorm2d().apply(new BatchNorm2dOptions(2, -1e-5, 0.1))),
                        new InvalidArgument("momentum 1.5", "momentum", l -> l.batchNorm2d().apply(new BatchNorm2dOptions(2, 1e-5, 1.5))),
                        new InvalidArgument("NaN in running_var", "running_var", l -> {
                            Map<String, Tensor> s = new LinkedHashMap<>();
                            s.put("weight", Tensor.zeros(1));
                            s.put("bias", Tensor.zeros(1));
                            s.put("running_mean", Tensor.zeros(1));
                            s.put("running_var", Tensor.of(new float[] {Float.NaN}, 1));
                            s.put("num_batches_tracked", Tensor.scalar(0));
                            StateDict.load(l.batchNorm2d().apply(BatchNorm2dOptions.of(1)), s, "case");
                        })), null);
    }
}
