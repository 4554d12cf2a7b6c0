package dev.resnettck.kernels.fast;

/**
 * A dense float matrix seen as rows by depth through strides: element (r, k) is {@code data[r *
 * rowStride + k * depthStride]}. Its contents are the one array it reads, so inference keeps a
 * linear layer's packed weights between calls ({@link PackedCache}).
 */
record MatrixOperand(float[] data, int rowStride, int depthStride) implements Operand {
    @Override
    public float[] contents() {
        return data;
    }

    @Override
    public Object layout() {
        return java.util.List.of(MatrixOperand.class, rowStride, depthStride);
    }

    @Override
    public void pack(int r0, int count, int width, int k0, int kc, float[] dst, int at) {
        if (rowStride == 1) {
            // a panel row is contiguous: one copy per depth
            for (int kk = 0; kk < kc; kk++) {
                int row = at + kk * width;
                System.arraycopy(data, r0 + (k0 + kk) * depthStride, dst, row, count);
                java.util.Arrays.fill(dst, row + count, row + width, 0f);
            }
            return;
        }
        if (depthStride == 1) {
            // each row is contiguous along the depth: read it in order, write its lane down the panel
            for (int lane = 0; lane < width; lane++) {
                if (lane >= count) {
                    for (int kk = 0; kk < kc; kk++) {
                        dst[at + kk * width + lane] = 0;
                    }
                    continue;
                }
                int src = (r0 + lane) * rowStride + k0;
                for (int kk = 0; kk < kc; kk++) {
                    dst[at + kk * width + lane] = data[src + kk];
                }
            }
            return;
        }
        for (int kk = 0; kk < kc; kk++) {
            int row = at + kk * width;
            int src = r0 * rowStride + (k0 + kk) * depthStride;
            for (int lane = 0; lane < width; lane++) {
                dst[row + lane] = lane < count ? data[src + lane * rowStride] : 0;
            }
        }
    }
}
