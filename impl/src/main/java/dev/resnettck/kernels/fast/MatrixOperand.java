package dev.resnettck.kernels.fast;

/** A dense float matrix seen as rows by depth through strides: element (r, k) is {@code data[r * rowStride + k * depthStride]}. */
record MatrixOperand(float[] data, int rowStride, int depthStride) implements Operand {
    @Override
    public void pack(int r0, int count, int width, int k0, int kc, float[] dst, int at) {
        for (int kk = 0; kk < kc; kk++) {
            int row = at + kk * width;
            int src = r0 * rowStride + (k0 + kk) * depthStride;
            for (int lane = 0; lane < width; lane++) {
                dst[row + lane] = lane < count ? data[src + lane * rowStride] : 0;
            }
        }
    }
}
