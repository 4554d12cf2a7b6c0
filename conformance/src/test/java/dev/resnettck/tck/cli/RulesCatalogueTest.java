package dev.resnettck.tck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.resnettck.tck.Suite;
import dev.resnettck.tck.rules.Check;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** docs/RULES.md is generated from the rules; it must match them, and rule ids must be unique. */
class RulesCatalogueTest {

    @Test
    void ruleIdsAreUnique() {
        Set<String> seen = new HashSet<>();
        for (Check c : Suite.checks()) {
            if (!seen.add(c.rule().id())) {
                throw new AssertionError("duplicate rule id " + c.rule().id());
            }
        }
    }

    @Test
    void docsMatchTheCatalogue() throws IOException {
        Path doc = Path.of(System.getProperty("tck.root", "..")).resolve("docs/RULES.md");
        assertEquals(RulesCommand.RulesCatalogue.markdown(), Files.readString(doc),
                "docs/RULES.md is stale: regenerate it with ./tck rules > docs/RULES.md");
    }
}
