package dev.resnettck.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The 1000 ImageNet class names in index order (the synset descriptions, from
 * {@code @tensorflow-models/mobilenet}'s imagenet_classes, Apache-2.0).
 */
public final class ImageNetClasses {
    private static final List<String> NAMES = load();

    private ImageNetClasses() {
    }

    public static String name(int index) {
        return NAMES.get(index);
    }

    public static int count() {
        return NAMES.size();
    }

    private static List<String> load() {
        try (InputStream in = ImageNetClasses.class.getResourceAsStream("imagenet_classes.txt")) {
            if (in == null) {
                throw new IllegalStateException("imagenet_classes.txt is missing from the impl jar");
            }
            List<String> names = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            if (names.size() != 1000) {
                throw new IllegalStateException("imagenet_classes.txt has " + names.size() + " lines, expected 1000");
            }
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
