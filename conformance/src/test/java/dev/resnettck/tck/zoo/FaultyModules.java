package dev.resnettck.tck.zoo;

import dev.resnettck.nn.Module;
import dev.resnettck.nn.Parameter;
import dev.resnettck.tensor.Tensor;
import java.util.Map;

/** Module-level planted faults: wrappers around a correct module that break one behaviour. */
final class FaultyModules {
    private FaultyModules() {
    }

    /** A ReLU whose gradient also passes where the input is exactly 0 (torch gives 0 there). */
    /**
     * ReLU with a negative slope of 1e-6 (a leaky ReLU): below 1e-5 for ordinary values, so invisible
     * to a tolerance alone, but ReLU is exact in float32, so its float32 bound is 0.
     */
    static Module reluLeaky() {
        return new Module() {
            private static final float SLOPE = 1e-6f;
            private Tensor input;

            @Override
            public Tensor forward(Tensor x) {
                input = x.contiguous();
                float[] in = input.data();
                float[] out = new float[in.length];
                for (int i = 0; i < in.length; i++) {
                    out[i] = in[i] > 0 ? in[i] : in[i] * SLOPE;
                }
                return Tensor.of(out, input.shape());
            }

            @Override
            public Tensor backward(Tensor g) {
                float[] in = input.data();
                float[] go = g.contiguous().data();
                float[] dx = new float[in.length];
                for (int i = 0; i < in.length; i++) {
                    dx[i] = in[i] > 0 ? go[i] : go[i] * SLOPE;
                }
                return Tensor.of(dx, input.shape());
            }
        };
    }

    static Module reluPassingZero() {
        return new Module() {
            private Tensor input;

            @Override
            public Tensor forward(Tensor x) {
                input = x.contiguous();
                float[] in = input.data();
                float[] out = new float[in.length];
                for (int i = 0; i < in.length; i++) {
                    out[i] = in[i] < 0 ? 0 : in[i];
                }
                return Tensor.of(out, input.shape());
            }

            @Override
            public Tensor backward(Tensor g) {
                float[] in = input.data();
                float[] go = g.data();
                float[] dx = new float[in.length];
                for (int i = 0; i < in.length; i++) {
                    dx[i] = in[i] >= 0 ? go[i] : 0;
                }
                return Tensor.of(dx, input.shape());
            }
        };
    }

    /** A module that ignores {@code train(false)}: batch norm keeps using batch statistics in evaluation. */
    static Module ignoresEvalMode(Module inner) {
        return new Delegate(inner) {
            @Override
            public void train(boolean training) {
                // planted fault: stays in training mode
            }
        };
    }

    /** A batch norm that never increments num_batches_tracked. */
    static Module untrackedBatchNorm(Module bn) {
        return new Delegate(bn) {
            @Override
            public Tensor forward(Tensor x) {
                Tensor y = inner.forward(x);
                inner.buffers().get("num_batches_tracked").data()[0] -= 1f;
                return y;
            }
        };
    }

    /** Passes everything to a correct module; subclasses override the behaviour they break. */
    static class Delegate implements Module {
        final Module inner;

        Delegate(Module inner) {
            this.inner = inner;
        }

        @Override
        public Tensor forward(Tensor x) {
            return inner.forward(x);
        }

        @Override
        public Tensor backward(Tensor g) {
            return inner.backward(g);
        }

        @Override
        public Map<String, Parameter> parameters() {
            return inner.parameters();
        }

        @Override
        public Map<String, Tensor> buffers() {
            return inner.buffers();
        }

        @Override
        public Map<String, Module> children() {
            return inner.children();
        }

        @Override
        public void train(boolean training) {
            inner.train(training);
        }
    }
}
