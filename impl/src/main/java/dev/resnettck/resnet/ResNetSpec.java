package dev.resnettck.resnet;

import java.util.List;

/**
 * One ResNet: block kind, blocks per stage, width (planes) and first stride of each stage, stem
 * width, input channels and classes. Stage i takes {@code widths[i] * expansion} output channels.
 * The presets are torchvision's; variants copy one with a wither.
 */
public record ResNetSpec(String name, BlockKind block, List<Integer> blocksPerStage, List<Integer> widths,
                         List<Integer> strides, int stemChannels, int inChannels, int numClasses) {

    public static final ResNetSpec RESNET18 = torchvision("resnet18", BlockKind.BASIC, 2, 2, 2, 2);
    public static final ResNetSpec RESNET34 = torchvision("resnet34", BlockKind.BASIC, 3, 4, 6, 3);
    public static final ResNetSpec RESNET50 = torchvision("resnet50", BlockKind.BOTTLENECK, 3, 4, 6, 3);
    public static final ResNetSpec RESNET101 = torchvision("resnet101", BlockKind.BOTTLENECK, 3, 4, 23, 3);
    public static final ResNetSpec RESNET152 = torchvision("resnet152", BlockKind.BOTTLENECK, 3, 8, 36, 3);

    public static final List<ResNetSpec> PRESETS = List.of(RESNET18, RESNET34, RESNET50, RESNET101, RESNET152);

    public ResNetSpec {
        blocksPerStage = List.copyOf(blocksPerStage);
        widths = List.copyOf(widths);
        strides = List.copyOf(strides);
        if (blocksPerStage.isEmpty()) {
            throw new IllegalArgumentException("ResNetSpec " + name + ": blocksPerStage is empty");
        }
        if (widths.size() != blocksPerStage.size() || strides.size() != blocksPerStage.size()) {
            throw new IllegalArgumentException("ResNetSpec " + name + ": blocksPerStage " + blocksPerStage + ", widths "
                    + widths + " and strides " + strides + " must have one entry per stage");
        }
        requireAllPositive(name, "blocksPerStage", blocksPerStage);
        requireAllPositive(name, "widths", widths);
        requireAllPositive(name, "strides", strides);
        if (stemChannels <= 0 || inChannels <= 0 || numClasses <= 0) {
            throw new IllegalArgumentException("ResNetSpec " + name + ": stemChannels " + stemChannels + ", inChannels "
                    + inChannels + " and numClasses " + numClasses + " must be positive");
        }
    }

    private static ResNetSpec torchvision(String name, BlockKind block, Integer... blocks) {
        return new ResNetSpec(name, block, List.of(blocks), List.of(64, 128, 256, 512), List.of(1, 2, 2, 2), 64, 3, 1000);
    }

    /** A preset by name ("resnet50" or "50"). */
    public static ResNetSpec preset(String name) {
        String key = name.toLowerCase(java.util.Locale.ROOT);
        for (ResNetSpec spec : PRESETS) {
            if (spec.name().equals(key) || spec.name().equals("resnet" + key)) {
                return spec;
            }
        }
        throw new IllegalArgumentException("no ResNet preset named '" + name + "'; known: resnet18, resnet34, resnet50, "
                + "resnet101, resnet152");
    }

    public ResNetSpec withInChannels(int channels) {
        return new ResNetSpec(name, block, blocksPerStage, widths, strides, stemChannels, channels, numClasses);
    }

    public ResNetSpec withNumClasses(int classes) {
        return new ResNetSpec(name, block, blocksPerStage, widths, strides, stemChannels, inChannels, classes);
    }

    public int stages() {
        return blocksPerStage.size();
    }

    /** Input channels of stage i: the stem's for the first, else the previous stage's output. */
    public int stageInChannels(int stage) {
        return stage == 0 ? stemChannels : stageOutChannels(stage - 1);
    }

    public int stageOutChannels(int stage) {
        return widths.get(stage) * block.expansion();
    }

    /** Features entering the classifier. */
    public int features() {
        return stageOutChannels(stages() - 1);
    }

    private static void requireAllPositive(String name, String field, List<Integer> values) {
        for (int v : values) {
            if (v <= 0) {
                throw new IllegalArgumentException("ResNetSpec " + name + ": " + field + " " + values
                        + " must be all positive");
            }
        }
    }
}
