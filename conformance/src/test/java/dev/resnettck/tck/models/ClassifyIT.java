package dev.resnettck.tck.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resnettck.io.Weights;
import dev.resnettck.reference.Precision;
import dev.resnettck.reference.RefVar;
import dev.resnettck.reference.TorchSession;
import dev.resnettck.reference.TorchVision;
import dev.resnettck.resnet.ResNetSpec;
import dev.resnettck.tck.builtin.PlainImplementation;
import dev.resnettck.tck.classify.Classifier;
import dev.resnettck.tck.classify.Classifier.Prediction;
import dev.resnettck.tck.cli.Tck;
import dev.resnettck.tck.rules.SuiteContext;
import dev.resnettck.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tck classify} with generated weights: the same top-5 and probabilities as torchvision's model. */
class ClassifyIT {
    private final Path golden = SuiteContext.fromSystemProperties().goldenDir();

    @TempDir
    Path dir;

    @Test
    void topFiveMatchesTheReferenceForBothFormats() throws IOException {
        ResNetSpec spec = ResNetSpec.RESNET18;
        Map<String, Tensor> weights = ModelWeights.calibrated(spec, 11, ModelInputs.calibrationBatch(golden));
        List<Path> photos = ModelInputs.PHOTOS.stream().map(p -> golden.resolve("images").resolve(p)).toList();
        double[] probabilities = referenceSoftmax(spec, weights);
        for (String file : List.of("resnet18.pth", "resnet18.safetensors")) {
            Path w = dir.resolve(file);
            Weights.write(w, weights);
            Classifier classifier = Classifier.load(new PlainImplementation(), w);
            assertEquals("resnet18", classifier.spec().name());
            List<List<Prediction>> top = classifier.classify(photos, 5);
            for (int i = 0; i < photos.size(); i++) {
                for (Prediction p : top.get(i)) {
                    double expected = probabilities[i * 1000 + p.index()];
                    assertEquals(expected, p.probability(), 1e-5 + 1e-5 * expected, file + " class " + p.index());
                }
                assertTrue(isTopFive(probabilities, i, top.get(i)), "the reference ranks the same five first");
            }
        }
        assertEquals(0, Tck.execute("classify", "-w", dir.resolve("resnet18.pth").toString(), "-i", "plain",
                photos.get(0).toString()));
    }

    @Test
    void weightsOfNoKnownDepthAreNamed() throws IOException {
        Map<String, Tensor> w = new LinkedHashMap<>();
        w.put("conv1.weight", Tensor.zeros(64, 3, 7, 7));
        w.put("fc.weight", Tensor.zeros(10, 512));
        Path file = dir.resolve("tiny.safetensors");
        Weights.write(file, w);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Classifier.load(new PlainImplementation(), file));
        assertTrue(e.getMessage().contains("2 state_dict entries match no ResNet preset"), e.getMessage());
        assertEquals(2, Tck.execute("classify", "-w", dir.resolve("missing.pth").toString(), "x.png"));
    }

    private double[] referenceSoftmax(ResNetSpec spec, Map<String, Tensor> weights) {
        Tensor x = ModelInputs.evaluationBatch(golden);
        try (TorchSession torch = TorchSession.forward(Precision.FLOAT64)) {
            double[] logits = TorchVision.resnet(torch, ModelWeights.constants(torch, weights),
                    torch.constant(x.data(), x.shape()), false, new int[] {2, 2, 2, 2}, new int[] {1, 2, 2, 2},
                    TorchVision.Norm.of(false), null).values();
            double[] p = new double[logits.length];
            for (int i = 0; i < logits.length / 1000; i++) {
                double max = Double.NEGATIVE_INFINITY, sum = 0;
                for (int k = 0; k < 1000; k++) {
                    max = Math.max(max, logits[i * 1000 + k]);
                }
                for (int k = 0; k < 1000; k++) {
                    p[i * 1000 + k] = Math.exp(logits[i * 1000 + k] - max);
                    sum += p[i * 1000 + k];
                }
                for (int k = 0; k < 1000; k++) {
                    p[i * 1000 + k] /= sum;
                }
            }
            return p;
        }
    }

    private static boolean isTopFive(double[] p, int image, List<Prediction> top) {
        double fifth = top.get(4).probability();
        int above = 0;
        for (int k = 0; k < 1000; k++) {
            if (p[image * 1000 + k] > fifth + 1e-9) {
                above++;
            }
        }
        return above <= 4;
    }
}
