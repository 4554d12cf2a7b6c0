package dev.resnettck.tck.golden;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.resnettck.io.SafeTensors;
import dev.resnettck.tck.certify.SuiteIdentity;
import dev.resnettck.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reading and writing golden case sets: {@code golden-data/<group>/<SET>.json} (the manifest) and
 * {@code <SET>.safetensors} (float32 tensors named {@code <case>/<tensor>}). Reading refuses, with the
 * file and the problem named, a missing file, a checksum mismatch, a tensor of the wrong dtype, and
 * a case whose tensors are missing (or, checked by the rule, of the wrong shape).
 */
public final class GoldenFiles {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    private GoldenFiles() {
    }

    /** A loaded, verified set. */
    public record Loaded(Manifest manifest, Map<String, Tensor> tensors, Path file) {
        /** The tensor {@code <case>/<name>}; a missing one is an error naming file, case and tensor. */
        public Tensor tensor(String caseName, String name) throws GoldenDataException {
            Tensor t = tensors.get(caseName + "/" + name);
            if (t == null) {
                throw new GoldenDataException(file, "case '" + caseName + "' has no tensor '" + name + "'");
            }
            return t;
        }
    }

    public static Path manifestPath(Path goldenDir, String group, String set) {
        return goldenDir.resolve(group).resolve(set + ".json");
    }

    public static Loaded read(Path goldenDir, String group, String set) throws GoldenDataException {
        Path manifestFile = manifestPath(goldenDir, group, set);
        if (!Files.isRegularFile(manifestFile)) {
            throw new GoldenDataException(manifestFile, "missing (regenerate golden data with ./tck golden)");
        }
        Manifest m;
        try {
            m = JSON.readValue(manifestFile.toFile(), Manifest.class);
        } catch (IOException e) {
            throw new GoldenDataException(manifestFile, "not a valid manifest: " + e.getMessage());
        }
        checkFields(manifestFile, m);
        Path data = manifestFile.resolveSibling(m.file());
        if (!Files.isRegularFile(data)) {
            throw new GoldenDataException(data, "missing (named by " + manifestFile.getFileName() + ")");
        }
        String actual;
        try {
            actual = SuiteIdentity.sha256(data);
        } catch (IOException e) {
            throw new GoldenDataException(data, "unreadable: " + e.getMessage());
        }
        if (!actual.equals(m.sha256())) {
            throw new GoldenDataException(data, "checksum mismatch: SHA-256 " + actual + ", the manifest says " + m.sha256()
                    + " (the file was changed or corrupted)");
        }
        Map<String, Tensor> tensors;
        try {
            for (Map.Entry<String, String> e : SafeTensors.dtypes(data).entrySet()) {
                String expected = e.getKey().endsWith("num_batches_tracked") ? "I64" : "F32";
                if (!e.getValue().equals(expected)) {
                    throw new GoldenDataException(data, "tensor '" + e.getKey() + "' is " + e.getValue() + ", golden data is "
                            + expected);
                }
            }
            tensors = SafeTensors.read(data, null);
        } catch (GoldenDataException e) {
            throw e;
        } catch (IOException e) {
            throw new GoldenDataException(data, e.getMessage());
        }
        for (Manifest.Entry c : m.cases()) {
            for (String name : c.tensors()) {
                if (!tensors.containsKey(c.name() + "/" + name)) {
                    throw new GoldenDataException(data, "case '" + c.name() + "' lacks tensor '" + name + "' listed in the manifest");
                }
            }
        }
        return new Loaded(m, tensors, data);
    }

    /** The fields reading relies on; the data file must lie beside the manifest (no path may lead elsewhere). */
    private static void checkFields(Path manifestFile, Manifest m) throws GoldenDataException {
        if (m == null || m.file() == null || m.sha256() == null || m.cases() == null) {
            throw new GoldenDataException(manifestFile, "not a valid manifest: file, sha256 and cases are required");
        }
        if (!m.file().matches("[A-Za-z0-9._-]+\\.safetensors") || m.file().startsWith(".")) {
            throw new GoldenDataException(manifestFile, "data file '" + m.file() + "' must be a .safetensors file name"
                    + " beside the manifest, not a path");
        }
        for (Manifest.Entry c : m.cases()) {
            if (c == null || c.name() == null || c.tensors() == null || c.tensors().stream().anyMatch(java.util.Objects::isNull)) {
                throw new GoldenDataException(manifestFile, "a case without a name or tensor list: " + c);
            }
        }
    }

    public static void write(Path goldenDir, String group, Manifest m, Map<String, Tensor> tensors) throws IOException {
        Path manifestFile = manifestPath(goldenDir, group, m.set());
        Files.createDirectories(manifestFile.getParent());
        Path data = manifestFile.resolveSibling(m.file());
        SafeTensors.write(data, tensors, Map.of("set", m.set()));
        Manifest pinned = new Manifest(m.set(), m.generator(), m.reference(), m.precision(), m.seed(), m.tolerance(),
                m.file(), SuiteIdentity.sha256(data), m.cases(), m.pins());
        JSON.writeValue(manifestFile.toFile(), pinned);
    }

    /** The generator's identity, recorded in every manifest. */
    static String generator() {
        return "resnet-tck golden generator v1 (suite " + SuiteIdentity.version() + ")";
    }

    static Map<String, Tensor> ordered() {
        return new LinkedHashMap<>();
    }
}
