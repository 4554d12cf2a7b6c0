package dev.resnettck.tck.certify;

import dev.resnettck.tck.Suite;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The suite's version and the SHA-256 of the jar it runs from, so a certificate names exactly what certified. */
public final class SuiteIdentity {
    private SuiteIdentity() {
    }

    public static String version() {
        String v = Suite.class.getPackage().getImplementationVersion();
        return v == null ? "development build (classes, not a jar)" : v;
    }

    /** "sha256:..." of the suite jar, or a note when the suite runs from a classes directory. */
    public static String jarDigest() {
        try {
            Path location = Path.of(Suite.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (!Files.isRegularFile(location)) {
                return "not a jar (" + location + ")";
            }
            return "sha256:" + sha256(location) + " (" + location.getFileName() + ")";
        } catch (URISyntaxException | IOException | RuntimeException e) {
            return "unknown: " + e.getMessage();
        }
    }

    public static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                md.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
