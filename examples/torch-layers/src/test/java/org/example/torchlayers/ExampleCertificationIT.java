package org.example.torchlayers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.resnettck.tck.cli.Tck;
import io.qameta.allure.Allure;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The example certified through the same command a user runs: layers, loss, blocks, their golden
 * cases and ResNet18 (the deeper models take minutes through per-layer libtorch calls).
 */
class ExampleCertificationIT {

    @Test
    void certifiedByTheCertifyCommand() throws Exception {
        Path root = Path.of(System.getProperty("tck.root"));
        Path out = root.resolve("reports/certificates/example-torch-layers");
        int exit = Tck.execute("certify", "-i", "example-torch-layers", "--quiet", "--rules",
                "(LAYER|BLOCK|LOSS)-.*|GOLDEN-(LAYER|BLOCK|LOSS)-.*|MODEL-RESNET18-.*", "--out", out.toString());
        Allure.label("parentSuite", "example-torch-layers");
        Allure.addAttachment("certificate.json", "application/json", Files.readString(out.resolve("certificate.json")),
                ".json");
        assertEquals(0, exit, "the example implementation is certified; see " + out.resolve("certificate.html"));
    }
}
