package dev.resnettck.kernels;

/** One set of kernels, behind which the built-in layers run: plain, fast, or another. */
public record Backend(String name, ConvKernels conv, BatchNormKernels batchNorm, PoolKernels pool,
                      LinearKernels linear) {
}
