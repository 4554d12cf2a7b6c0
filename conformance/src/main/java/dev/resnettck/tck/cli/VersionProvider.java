package dev.resnettck.tck.cli;

import dev.resnettck.tck.certify.SuiteIdentity;
import picocli.CommandLine.IVersionProvider;

final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"resnet-tck " + SuiteIdentity.version(), SuiteIdentity.jarDigest()};
    }
}
