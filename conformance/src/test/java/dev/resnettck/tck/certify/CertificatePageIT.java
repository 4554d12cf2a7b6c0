package dev.resnettck.tck.certify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resnettck.tck.cli.Tck;
import dev.resnettck.tck.suite.AllureVerdicts;
import io.qameta.allure.Allure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * certificate.html as a person sees it: a real certificate rendered by headless Chromium; the
 * rendered page must show the verdict banner with its counts and the strict level, a table per
 * rule group and the link to the JSON, and its screenshot is attached to the report.
 */
class CertificatePageIT {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @TempDir
    Path scratch;

    @Test
    void aBrowserShowsTheVerdictTheCountsAndTheRuleTables() throws Exception {
        AllureVerdicts.suites("certificates", "the page in a browser", null);
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "not run: headless Chromium is not installed "
                + "(apt-get install chromium; ./tck test installs it)");
        Path out = scratch.resolve("certificate");
        int exit = Tck.execute("certify", "-i", "fast", "--quiet", "--rules", "LAYER-RELU-.*|LAYER-CONV2D-(FWD|ARGS)",
                "--out", out.toString());
        assertEquals(0, exit);
        Path page = out.resolve("certificate.html");
        String dom = chromium(page, "--dump-dom");
        Path png = scratch.resolve("certificate.png");
        chromium(page, "--screenshot=" + png, "--window-size=1300,1600", "--hide-scrollbars");
        Allure.addAttachment("certificate.html as rendered by headless Chromium", "image/png",
                Files.newInputStream(png), ".png");
        // what a person reads: the page's text, without its style sheet
        String text = dom.replaceAll("(?s)<style.*?</style>", " ").replaceAll("<[^>]+>", " ").replaceAll("\\s+", " ");
        assertTrue(dom.contains("id=\"result\">CERTIFIED (partial:"), "the banner reads partial for a --rules run");
        assertTrue(text.contains("pass · 0 fail · 0 error"), "the counts are in the banner: " + text);
        // the page shows the certificate's own strict count (the float32 fast kernels are not strict on every rule)
        String strictLine = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.resolve("certificate.json")
                .toFile()).get("strict").asText();
        assertTrue(strictLine.matches("strict \\(correctly rounded within 1e-5\\): [0-8] of 8 rules"), strictLine);
        assertTrue(text.contains(strictLine), strictLine + " not on the page: " + text);
        assertTrue(text.contains("layers (8 rules)"), "one table per rule group: " + text);
        assertTrue(dom.contains("href=\"certificate.json\""), "links to the JSON");
        assertTrue(!text.contains("{") && !text.contains("[]"), "no Java collection syntax on the page: " + text);
        assertTrue(Files.size(png) > 10_000, "a screenshot with content");
        assertTrue(text.contains("Errors over the rules"), "the error histograms have their section: " + text);
        for (String plot : new String[] {"plots/errors-ulp.png", "plots/errors-float32-bound.png"}) {
            assertTrue(dom.contains("src=\"" + plot + "\""), "the page shows " + plot);
            assertTrue(Files.size(out.resolve(plot)) > 5_000, plot + " is a drawn chart");
        }
    }

    private String chromium(Path page, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + Files.createTempDirectory(scratch, "chromium")));
        command.addAll(List.of(args));
        command.add(page.toUri().toString());
        Path stdout = Files.createTempFile(scratch, "chromium", ".out");
        Process p = new ProcessBuilder(command).redirectOutput(stdout.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "chromium finished within 2 minutes");
        assertEquals(0, p.exitValue(), "chromium's exit code");
        return Files.readString(stdout);
    }
}
