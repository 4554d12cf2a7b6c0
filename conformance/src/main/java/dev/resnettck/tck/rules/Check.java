package dev.resnettck.tck.rules;

import dev.resnettck.tck.spi.TckImplementation;

/** The code behind one rule. {@link RuleRunner} decides applicability before calling it. */
public interface Check {

    Rule rule();

    Verdict run(TckImplementation implementation, SuiteContext context) throws Exception;
}
