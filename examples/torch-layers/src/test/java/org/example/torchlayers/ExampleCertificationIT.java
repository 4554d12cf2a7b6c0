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
        certify("example-torch-layers");
    }

    /** libtorch's own float32 arithmetic: the calibrated certifying level must certify it. */
    @Test
    void libtorchFloat32IsCertified() throws Exception {
        certify("example-torch-layers-float32");
    }

    private static void certify(String name) throws Exception {
        Path root = Path.of(System.getProperty("tck.root"));
        Path out = root.resolve("reports/certificates/" + name);
        int exit = Tck.execute("certify", "-i", name, "--quiet", "--rules",
                "(LAYER|BLOCK|LOSS)-.*|GOLDEN-(LAYER|BLOCK|LOSS)-.*|MODEL-RESNET18-.*", "--out", out.toString());
        Allure.label("parentSuite", name);
        Allure.addAttachment("certificate.json", "application/json", Files.readString(out.resolve("certificate.json")),
                ".json");
        assertEquals(0, exit, name + " is certified; see " + out.resolve("certificate.html"));
    }
}
