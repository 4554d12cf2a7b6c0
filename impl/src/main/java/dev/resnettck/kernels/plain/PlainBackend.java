package dev.resnettck.kernels.plain;

import dev.resnettck.kernels.Backend;

/** The plain kernels as one backend. */
public final class PlainBackend {
    private PlainBackend() {
    }

    public static Backend create() {
        return new Backend("plain", new PlainConv(), new PlainBatchNorm(), new PlainPool(), new PlainLinear());
    }
}
