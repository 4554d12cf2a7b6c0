package dev.resnettck.tck.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class HugePagesTest {
    @Test
    void readsTheKernelsSelectedSetting() {
        assertEquals("madvise", HugePages.selected("always [madvise] never\n"));
        assertEquals("never", HugePages.selected("always madvise [never]"));
        assertEquals("unknown", HugePages.selected("always madvise never"));
        assertEquals("unknown", HugePages.selected("[]"));
    }

    /** The header says which contestant had 2 MB pages: both, the JVM only, or neither, and why. */
    @Test
    void theHeaderNamesWhoGotHugePages() {
        String both = HugePages.describe("madvise", "1");
        assertTrue(both.contains("Java heap in 2 MB pages") && both.contains("libtorch's tensors too")
                && both.contains("set in the environment"), both);
        String javaOnly = HugePages.describe("always", null);
        assertTrue(javaOnly.contains("libtorch's tensors in its default 4 KB pages") && javaOnly.contains("not set"),
                javaOnly);
        String neither = HugePages.describe("never", "1");
        assertTrue(neither.startsWith("4 KB pages for both contestants") && neither.contains("never"), neither);
    }

    /** Every contestant's fork asks for them, a convolution's and a whole network's alike. */
    @Test
    void everyForkAsksForThem() {
        for (boolean network : new boolean[] {false, true}) {
            List<String> flags = List.of(BenchRunner.forkFlags(network));
            assertTrue(flags.containsAll(HugePages.JVM_FLAGS), flags.toString());
        }
    }
}
