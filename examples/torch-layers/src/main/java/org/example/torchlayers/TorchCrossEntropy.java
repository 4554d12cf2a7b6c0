package org.example.torchlayers;

import dev.resnettck.nn.Loss;
import dev.resnettck.reference.Precision;
import dev.resnettck.reference.RefVar;
import dev.resnettck.reference.TorchSession;
import dev.resnettck.tensor.Tensor;

/** torch's cross-entropy (mean); the gradient by autograd. */
final class TorchCrossEntropy implements Loss {
    private final Precision precision;
    private Tensor logits;
    private int[] targets;

    TorchCrossEntropy(Precision precision) {
        this.precision = precision;
    }

    @Override
    public double forward(Tensor z, int[] target) {
        if (z.dim() != 2 || target.length != z.size(0)) {
            throw new IllegalArgumentException("cross_entropy: " + target.length + " targets for logits of shape "
                    + java.util.Arrays.toString(z.shape()));
        }
        for (int t : target) {
            if (t < 0 || t >= z.size(1)) {
                throw new IllegalArgumentException("cross_entropy: target " + t + " is out of range for " + z.size(1) + " classes");
            }
        }
        logits = z.contiguous();
        targets = target.clone();
        try (TorchSession torch = TorchSession.forward(precision)) {
            return torch.crossEntropy(TorchCall.constant(torch, logits), targets).values()[0];
        }
    }

    @Override
    public Tensor backward() {
        try (TorchSession torch = TorchSession.withGradients(precision)) {
            RefVar z = torch.variable(logits.data(), logits.shape());
            torch.backward(torch.crossEntropy(z, targets), new float[] {1f});
            return TorchCall.tensor(z.gradient(), logits.shape());
        }
    }
}
