package dev.resnettck.data;

import dev.resnettck.io.FileFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * FashionMNIST from its four IDX files: 60,000 training and 10,000 test images of 28x28 unsigned
 * bytes with labels 0-9. Found in {@code -Dtck.fashionmnist.dir}, else {@code $FASHION_MNIST_DIR},
 * else {@code /usr/share/datasets/fashion-mnist/} (Debian's dataset-fashion-mnist package).
 */
public record FashionMnist(Idx.Array trainImages, Idx.Array trainLabels, Idx.Array testImages, Idx.Array testLabels,
                           Path folder) {
    public static final Path DEBIAN_DIR = Path.of("/usr/share/datasets/fashion-mnist");
    public static final String INSTALL = "apt-get install dataset-fashion-mnist";
    public static final int SIZE = 28;
    public static final int CLASSES = 10;
    public static final String[] NAMES = {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt",
        "Sneaker", "Bag", "Ankle boot"};

    /** Where the files are looked for, in order of precedence. */
    public static Path location() {
        String property = System.getProperty("tck.fashionmnist.dir");
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        String env = System.getenv("FASHION_MNIST_DIR");
        return env != null && !env.isBlank() ? Path.of(env) : DEBIAN_DIR;
    }

    /** Why the dataset cannot be loaded from {@link #location()}, or null when every file is there. */
    public static String missing() {
        Path dir = location();
        for (String f : files()) {
            if (!Files.isRegularFile(dir.resolve(f))) {
                return "FashionMNIST is not in " + dir + " (" + f + " is missing). Install it with: " + INSTALL
                        + " (or point -Dtck.fashionmnist.dir / FASHION_MNIST_DIR at a folder holding " + String.join(", ", files())
                        + ")";
            }
        }
        return null;
    }

    public static FashionMnist load() throws IOException {
        String problem = missing();
        if (problem != null) {
            throw new IOException(problem);
        }
        Path dir = location();
        FashionMnist data = new FashionMnist(Idx.readImages(dir.resolve(files()[0])), Idx.readLabels(dir.resolve(files()[1])),
                Idx.readImages(dir.resolve(files()[2])), Idx.readLabels(dir.resolve(files()[3])), dir);
        data.validate();
        return data;
    }

    static String[] files() {
        return new String[] {"train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz",
            "t10k-labels-idx1-ubyte.gz"};
    }

    private void validate() throws IOException {
        check(trainImages, trainLabels, files()[0], files()[1]);
        check(testImages, testLabels, files()[2], files()[3]);
    }

    private void check(Idx.Array images, Idx.Array labels, String imageFile, String labelFile) throws IOException {
        if (images.dims()[1] != SIZE || images.dims()[2] != SIZE) {
            throw new FileFormatException(folder.resolve(imageFile), "images are " + images.dims()[1] + "x" + images.dims()[2]
                    + ", expected 28x28");
        }
        if (images.count() != labels.count()) {
            throw new FileFormatException(folder.resolve(labelFile), labels.count() + " labels for " + images.count()
                    + " images in " + imageFile);
        }
        for (int i = 0; i < labels.count(); i++) {
            int label = labels.data()[i] & 0xff;
            if (label >= CLASSES) {
                throw new FileFormatException(folder.resolve(labelFile), "label " + label + " at index " + i + " (byte offset "
                        + (8 + i) + ") is not a class 0-9");
            }
        }
    }

    public static int label(Idx.Array labels, int index) {
        return labels.data()[index] & 0xff;
    }
}
