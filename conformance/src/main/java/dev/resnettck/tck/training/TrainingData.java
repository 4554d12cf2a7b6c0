package dev.resnettck.tck.training;

import dev.resnettck.data.FashionMnist;
import java.io.IOException;
import java.io.UncheckedIOException;

/** FashionMNIST, loaded once per JVM; {@link #missing()} says why it cannot be, with the command to fix it. */
public final class TrainingData {
    private static FashionMnist data;

    private TrainingData() {
    }

    public static String missing() {
        return FashionMnist.missing();
    }

    public static synchronized FashionMnist get() {
        if (data == null) {
            try {
                data = FashionMnist.load();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return data;
    }
}
