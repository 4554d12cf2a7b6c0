package dev.resnettck.nn;

/** {@code torch.nn.Linear(in_features, out_features, bias)}. */
public record LinearOptions(int inFeatures, int outFeatures, boolean bias) {

    public LinearOptions {
        Checks.positive("Linear", "in_features", inFeatures);
        Checks.positive("Linear", "out_features", outFeatures);
    }
}
