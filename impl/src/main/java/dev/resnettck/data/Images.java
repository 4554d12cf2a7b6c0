package dev.resnettck.data;

import dev.resnettck.io.FileFormatException;
import dev.resnettck.tensor.Tensor;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Reads an image file as torchvision's {@code ToTensor} sees it: (3, H, W) RGB floats in [0, 1].
 * The size is read from the header before any pixel is decoded, so a file declaring a huge image
 * is refused without allocating it; a decoder failure of any kind is a {@link FileFormatException}.
 */
public final class Images {
    /** The largest image read: 16 megapixels (4096 x 4096), 192 MB as floats; resize larger photos first. */
    public static final long MAX_PIXELS = 1L << 24;

    private Images() {
    }

    public static Tensor readRgb(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": no such image file");
        }
        BufferedImage img = decode(file);
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

    private static BufferedImage decode(Path file) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new FileFormatException(file, "not an image format this JDK reads (PNG, JPEG, BMP, GIF)");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long w = reader.getWidth(0), h = reader.getHeight(0);
                if (w <= 0 || h <= 0 || w * h > MAX_PIXELS) {
                    throw new FileFormatException(file, reader.getFormatName() + " header declares " + w + " x " + h
                            + " pixels; images up to " + MAX_PIXELS + " pixels are read (resize larger ones first)");
                }
                BufferedImage img = reader.read(0);
                if (img == null) {
                    throw new FileFormatException(file, "the " + reader.getFormatName() + " decoder returned no image");
                }
                return img;
            } finally {
                reader.dispose();
            }
        } catch (FileFormatException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // the JDK's decoders answer corrupt input with IIOException but also with unchecked exceptions
            throw new FileFormatException(file, "not a decodable image (" + e + ")", e);
        }
    }

    /** {@code ToTensor}: a uint8 divided by 255 in float32, as torch divides. */
    public static float toTensor(int value) {
        return (float) value / 255f;
    }
}
