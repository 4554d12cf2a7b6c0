package dev.resnettck.tck.cli;

import dev.resnettck.tck.classify.Classifier;
import dev.resnettck.tck.classify.Classifier.Prediction;
import dev.resnettck.tck.spi.Implementations;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tck classify --weights resnet50.pth cat.png ...}: the top-5 classes of each image. */
@Command(name = "classify", mixinStandardHelpOptions = true,
        description = "Classify images with a ResNet and its weights (.safetensors, .pth): top-5 classes and probabilities.")
final class ClassifyCommand implements Callable<Integer> {

    @Option(names = {"-w", "--weights"}, required = true, description = "a torchvision ResNet state_dict")
    Path weights;

    @Option(names = {"-i", "--implementation"}, description = "registered implementation (default: ${DEFAULT-VALUE})",
            defaultValue = "${sys:tck.implementation:-" + Implementations.DEFAULT + "}")
    String implementation;

    @Option(names = {"-k", "--top"}, description = "how many classes per image (default: ${DEFAULT-VALUE})", defaultValue = "5")
    int top;

    @Parameters(arity = "1..*", description = "image files (PNG, JPEG, ...)")
    List<Path> images;

    @Override
    public Integer call() throws Exception {
        Classifier classifier = Classifier.load(Implementations.byName(implementation), weights);
        int classes = classifier.spec().numClasses();
        if (top < 1 || top > classes) {
            throw new IllegalArgumentException("--top must be between 1 and the model's " + classes + " classes, got " + top);
        }
        List<List<Prediction>> results = classifier.classify(images, top);
        System.out.println(classifier.spec().name() + " (" + classifier.spec().inChannels() + " input channel(s), "
                + classifier.spec().numClasses() + " classes; " + classifier.inputs() + ") on " + implementation);
        for (int i = 0; i < images.size(); i++) {
            System.out.println(images.get(i) + ":");
            for (Prediction p : results.get(i)) {
                System.out.printf(Locale.ROOT, "  %6.2f%%  %4d  %s%n", 100 * p.probability(), p.index(), p.name());
            }
        }
        return 0;
    }
}
