package dev.resnettck.tck.blocks;

import dev.resnettck.resnet.BlockKind;

/**
 * One block case: kind, input (n, in, h, w), planes, stride and, for a group, how many blocks.
 * The first block projects its shortcut when the stride or the channels change.
 */
public record BlockArgs(BlockKind kind, int n, int in, int h, int w, int planes, int stride, int blocks) {

    public int out() {
        return planes * kind.expansion();
    }

    public boolean projection() {
        return stride != 1 || in != out();
    }

    public int[] inputShape() {
        return new int[] {n, in, h, w};
    }

    @Override
    public String toString() {
        return "input (" + n + ", " + in + ", " + h + ", " + w + ") " + kind.name().toLowerCase(java.util.Locale.ROOT)
                + " planes " + planes + " stride " + stride + (blocks > 1 ? " x" + blocks + " blocks" : "")
                + (projection() ? " with projection shortcut" : " with identity shortcut");
    }
}
