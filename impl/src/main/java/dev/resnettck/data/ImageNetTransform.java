package dev.resnettck.data;

import dev.resnettck.tensor.Tensor;

/**
 * torchvision's ImageNet evaluation transform on tensors: {@code ToTensor(), Resize(256),
 * CenterCrop(224), Normalize(mean, std)}. Resize scales the shorter side to 256 and the longer to
 * {@code int(256 * long / short)}; the crop starts at {@code round((H - 224) / 2)} with Python's
 * half-to-even rounding.
 */
public final class ImageNetTransform {
    public static final float[] MEAN = {0.485f, 0.456f, 0.406f};
    public static final float[] STD = {0.229f, 0.224f, 0.225f};
    public static final int RESIZE = 256;
    public static final int CROP = 224;

    private ImageNetTransform() {
    }

    /** The most elongated image transformed: beyond it the resize to 256 on the short side would be enormous. */
    public static final int MAX_ASPECT = 64;

    /** (3, H, W) in [0, 1] to a normalised (3, 224, 224). */
    public static Tensor apply(Tensor image) {
        int[] shape = image.shape();
        if (shape.length != 3 || shape[0] != 3 || Math.max(shape[1], shape[2]) > (long) MAX_ASPECT * Math.min(shape[1], shape[2])) {
            throw new IllegalArgumentException("ImageNet transform: an image of shape " + java.util.Arrays.toString(shape)
                    + " is not (3, H, W) with an aspect ratio up to " + MAX_ASPECT + ":1");
        }
        int[] size = resizedSize(image.size(1), image.size(2), RESIZE);
        Tensor resized = Resize.bilinear(image, size[0], size[1]);
        int top = cropStart(size[0], CROP);
        int left = cropStart(size[1], CROP);
        float[] in = resized.data();
        float[] out = new float[3 * CROP * CROP];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < CROP; y++) {
                for (int x = 0; x < CROP; x++) {
                    double v = in[(c * size[0] + top + y) * size[1] + left + x];
                    out[(c * CROP + y) * CROP + x] = (float) ((v - MEAN[c]) / STD[c]);
                }
            }
        }
        return Tensor.of(out, 3, CROP, CROP);
    }

    /** {@code Resize(size)} with an int: the shorter side becomes size, the longer scales and truncates. */
    public static int[] resizedSize(int h, int w, int size) {
        if (h <= w) {
            return new int[] {size, (int) ((long) size * w / h)};
        }
        return new int[] {(int) ((long) size * h / w), size};
    }

    /** {@code CenterCrop}: {@code int(round((length - crop) / 2.0))}, rounding half to even as Python does. */
    public static int cropStart(int length, int crop) {
        if (length < crop) {
            throw new IllegalArgumentException("CenterCrop: image side " + length + " is smaller than the crop " + crop);
        }
        return (int) Math.rint((length - crop) / 2.0);
    }
}
