package dev.resnettck.tck.layers;

import dev.resnettck.nn.Loss;
import dev.resnettck.reference.Precision;
import dev.resnettck.reference.RefVar;
import dev.resnettck.reference.TorchSession;
import dev.resnettck.tck.compare.Compare;
import dev.resnettck.tck.compare.Comparison;
import dev.resnettck.tck.compare.Float32Noise;
import dev.resnettck.tck.compare.Tolerance;
import dev.resnettck.tck.rules.Check;
import dev.resnettck.tck.rules.Evidence;
import dev.resnettck.tck.rules.Level;
import dev.resnettck.tck.rules.PropertyRunner;
import dev.resnettck.tck.rules.Rule;
import dev.resnettck.tck.rules.SuiteContext;
import dev.resnettck.tck.rules.Verdict;
import dev.resnettck.tck.spi.Capability;
import dev.resnettck.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.quicktheories.core.Gen;
import org.quicktheories.impl.Constraint;

/**
 * {@code torch.nn.CrossEntropyLoss()} (softmax cross-entropy, mean over the batch): the loss the
 * fine-tune trains with. FWD compares the loss, BWD the gradient of the logits, ARGS bad targets.
 */
public final class LossCheck implements Check {
    /** The three loss rules. */
    public enum Kind { FWD, BWD, ARGS }

    record Case(int n, int classes, ValueProfile profile, long seed) {
        @Override
        public String toString() {
            return "logits (" + n + ", " + classes + ") " + profile.name().toLowerCase(java.util.Locale.ROOT)
                    + " values, seed " + seed;
        }
    }

    private final Kind kind;
    private final Rule rule;

    public LossCheck(Kind kind) {
        this.kind = kind;
        this.rule = new Rule("LOSS-CROSSENTROPY-" + kind.name(), Level.REQUIRED, "loss",
                "torch.nn.CrossEntropyLoss: " + switch (kind) {
                    case FWD -> "the mean softmax cross-entropy matches torch";
                    case BWD -> "the gradient with respect to the logits matches torch's autograd";
                    case ARGS -> "targets out of range and a target count that differs from the batch are refused";
                }, kind == Kind.ARGS ? Rule.Source.SELF : Rule.Source.LIVE_REFERENCE,
                kind == Kind.BWD ? Set.of(Capability.BACKWARD) : Set.of(),
                "log-sum-exp stability for large logits, the mean over the batch, softmax minus one-hot over n");
    }

    public static List<Check> all() {
        return List.of(new LossCheck(Kind.FWD), new LossCheck(Kind.BWD), new LossCheck(Kind.ARGS));
    }

    @Override
    public Rule rule() {
        return rule;
    }

    @Override
    public Verdict run(dev.resnettck.tck.spi.TckImplementation impl, SuiteContext context) {
        if (kind == Kind.ARGS) {
            return invalidTargets(impl);
        }
        List<ValueProfile> profiles = List.of(ValueProfile.NORMAL, ValueProfile.LARGE, ValueProfile.TINY,
                ValueProfile.ZEROS, ValueProfile.TIES);
        Gen<Case> cases = in -> new Case((int) in.next(Constraint.between(1, 8)), (int) in.next(Constraint.between(1, 12)),
                profiles.get((int) in.next(Constraint.between(0, profiles.size() - 1))),
                in.next(Constraint.between(0, Integer.MAX_VALUE)));
        return PropertyRunner.check(rule, context, 40, cases, Case::toString, c -> compare(impl, c));
    }

    private List<Comparison> compare(dev.resnettck.tck.spi.TckImplementation impl, Case c) {
        SplittableRandom rng = new SplittableRandom(c.seed());
        float[] logits = c.profile().fill(rng, c.n() * c.classes(), 1);
        int[] targets = new int[c.n()];
        for (int i = 0; i < targets.length; i++) {
            targets[i] = rng.nextInt(c.classes());
        }
        // the implementation first, with no reference session open: it may run on libtorch itself
        Loss loss = impl.layers().crossEntropy().get();
        double value = loss.forward(Tensor.of(logits.clone(), c.n(), c.classes()), targets);
        Tensor grad = kind == Kind.BWD ? loss.backward() : null;
        List<Comparison> out = new ArrayList<>();
        double[][] ref = reference(logits, c.n(), c.classes(), targets, Precision.FLOAT64_ROUNDED);
        double[][] ref32 = reference(logits, c.n(), c.classes(), targets, Precision.FLOAT32);
        out.add(Compare.arrays("loss", new float[] {(float) value}, ref[0], new int[0], 2.0 * c.classes(),
                Tolerance.DEFAULT, Float32Noise.of(ref[0], ref32[0])));
        if (grad != null) {
            out.add(Compare.tensors("grad of logits", grad, ref[1], new int[] {c.n(), c.classes()},
                    2.0 * c.classes(), Tolerance.DEFAULT, Float32Noise.of(ref[1], ref32[1])));
        }
        return out;
    }

    /** torch's mean cross-entropy and its gradient w.r.t. the logits, in one precision: {loss}, {gradient}. */
    public static double[][] reference(float[] logits, int n, int classes, int[] targets, Precision precision) {
        try (TorchSession torch = TorchSession.withGradients(precision)) {
            RefVar z = torch.variable(logits, n, classes);
            RefVar loss = torch.crossEntropy(z, targets);
            double[] value = loss.values();
            torch.backward(loss, new float[] {1f});
            return new double[][] {value, z.gradient()};
        }
    }

    private Verdict invalidTargets(dev.resnettck.tck.spi.TckImplementation impl) {
        Evidence evidence = new Evidence();
        List<String> problems = new ArrayList<>();
        record Bad(String description, String mustName, int[] targets) {
        }
        for (Bad bad : List.of(new Bad("target 3 with 3 classes", "target", new int[] {0, 3}),
                new Bad("target -1", "target", new int[] {-1, 0}),
                new Bad("3 targets for a batch of 2", "targets", new int[] {0, 1, 2}))) {
            String outcome;
            boolean ok;
            try {
                impl.layers().crossEntropy().get().forward(Tensor.zeros(2, 3), bad.targets());
                ok = false;
                outcome = "accepted without an error";
            } catch (RuntimeException e) {
                ok = String.valueOf(e.getMessage()).contains(bad.mustName());
                outcome = (ok ? "refused: " : "refused without naming '" + bad.mustName() + "': ") + e.getMessage();
            }
            evidence.addCase(bad.description(), List.of(new Comparison(bad.description(), ok, 0, 0, 0, 0, ok ? 0 : 1, 1,
                    "", ok ? null : outcome)));
            if (!ok) {
                problems.add(bad.description() + ": " + outcome);
            }
        }
        return problems.isEmpty() ? new Verdict.Pass(evidence) : new Verdict.Fail(String.join("; ", problems), "", evidence);
    }
}
