package dev.resnettck.tck.models;

import dev.resnettck.data.ImageNetTransform;
import dev.resnettck.data.Images;
import dev.resnettck.tensor.Tensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The real photographs the model checks run on (golden-data/images, CC0), preprocessed as
 * torchvision's ImageNet evaluation transform does. The calibration batch is the same photos
 * mirrored, so batch-norm statistics come from real inputs other than the ones compared.
 */
public final class ModelInputs {
    public static final List<String> PHOTOS = List.of("chelsea.png", "coffee.png");

    private ModelInputs() {
    }

    /** (2, 3, 224, 224): the photos, preprocessed. */
    public static Tensor evaluationBatch(Path goldenDir) {
        return stack(goldenDir, false);
    }

    /** (2, 3, 224, 224): the photos mirrored left-right, preprocessed. */
    public static Tensor calibrationBatch(Path goldenDir) {
        return stack(goldenDir, true);
    }

    /** One photo as torchvision reads it, before the transform: (3, H, W) in [0, 1]. */
    public static Tensor photo(Path goldenDir, String name) {
        Path file = goldenDir.resolve("images").resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("the test photo " + file + " is missing (it is committed in golden-data/images)");
        }
        try {
            return Images.readRgb(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Tensor stack(Path goldenDir, boolean mirrored) {
        int plane = 3 * ImageNetTransform.CROP * ImageNetTransform.CROP;
        float[] batch = new float[PHOTOS.size() * plane];
        for (int i = 0; i < PHOTOS.size(); i++) {
            float[] x = ImageNetTransform.apply(photo(goldenDir, PHOTOS.get(i))).data();
            if (mirrored) {
                x = mirror(x, ImageNetTransform.CROP);
            }
            System.arraycopy(x, 0, batch, i * plane, plane);
        }
        return Tensor.of(batch, PHOTOS.size(), 3, ImageNetTransform.CROP, ImageNetTransform.CROP);
    }

    private static float[] mirror(float[] chw, int size) {
        float[] out = new float[chw.length];
        for (int row = 0; row < chw.length / size; row++) {
            for (int x = 0; x < size; x++) {
                out[row * size + x] = chw[row * size + size - 1 - x];
            }
        }
        return out;
    }
}
