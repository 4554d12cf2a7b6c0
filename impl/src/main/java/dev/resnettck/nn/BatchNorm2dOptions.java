package dev.resnettck.nn;

/** {@code torch.nn.BatchNorm2d(num_features, eps, momentum)}, affine and tracking running stats. */
public record BatchNorm2dOptions(int numFeatures, double eps, double momentum) {

    public static final double DEFAULT_EPS = 1e-5;
    public static final double DEFAULT_MOMENTUM = 0.1;

    public BatchNorm2dOptions {
        Checks.positive("BatchNorm2d", "num_features", numFeatures);
        if (!(eps > 0) || !Double.isFinite(eps)) {
            throw new IllegalArgumentException("BatchNorm2d: eps must be positive and finite, got " + eps);
        }
        if (!(momentum >= 0 && momentum <= 1)) {
            throw new IllegalArgumentException("BatchNorm2d: momentum must be in [0, 1], got " + momentum);
        }
    }

    public static BatchNorm2dOptions of(int numFeatures) {
        return new BatchNorm2dOptions(numFeatures, DEFAULT_EPS, DEFAULT_MOMENTUM);
    }
}
