package dev.resnettck.nn;

/** {@code torch.nn.Flatten(start_dim, end_dim)}; negative dims count from the end. */
public record FlattenOptions(int startDim, int endDim) {

    public static final FlattenOptions DEFAULT = new FlattenOptions(1, -1);
}
