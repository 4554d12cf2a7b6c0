package dev.resnettck.data;

import dev.resnettck.tensor.Tensor;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Reads an image file as torchvision's {@code ToTensor} sees it: (3, H, W) RGB floats in [0, 1]. */
public final class Images {
    private Images() {
    }

    public static Tensor readRgb(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": no such image file");
        }
        BufferedImage img = ImageIO.read(file.toFile());
        if (img == null) {
            throw new IOException(file + ": not an image format this JDK reads (PNG, JPEG, BMP, GIF)");
        }
        int h = img.getHeight(), w = img.getWidth();
        float[] out = new float[3 * h * w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = img.getRGB(x, y);
                out[y * w + x] = toTensor((rgb >> 16) & 0xff);
                out[h * w + y * w + x] = toTensor((rgb >> 8) & 0xff);
                out[2 * h * w + y * w + x] = toTensor(rgb & 0xff);
            }
        }
        return Tensor.of(out, 3, h, w);
    }

    /** {@code ToTensor}: a uint8 divided by 255 in float32, as torch divides. */
    public static float toTensor(int value) {
        return (float) value / 255f;
    }
}
