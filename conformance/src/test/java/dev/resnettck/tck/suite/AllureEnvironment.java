package dev.resnettck.tck.suite;

import dev.resnettck.tck.certify.Environment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Writes Allure's environment.properties and categories.json into the shared results folder. */
public final class AllureEnvironment {
    private AllureEnvironment() {
    }

    public static void write() {
        Path results = Path.of(System.getProperty("allure.results.directory", "target/allure-results"));
        try {
            Files.createDirectories(results);
            StringBuilder props = new StringBuilder();
            for (Map.Entry<String, String> e : Environment.describe().entrySet()) {
                props.append(e.getKey().replace(' ', '_')).append('=').append(escape(e.getValue())).append('\n');
            }
            Files.writeString(results.resolve("environment.properties"), props);
            try (var in = AllureEnvironment.class.getResourceAsStream("/allure/categories.json")) {
                Files.write(results.resolve("categories.json"), in.readAllBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write Allure environment into " + results, e);
        }
    }

    private static String escape(String v) {
        return v.replace("\\", "\\\\").replace("\n", " ");
    }
}
