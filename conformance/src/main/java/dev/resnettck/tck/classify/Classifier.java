package dev.resnettck.tck.classify;

import dev.resnettck.nn.GradMode;
import dev.resnettck.data.ImageNetClasses;
import dev.resnettck.data.ImageNetTransform;
import dev.resnettck.data.Images;
import dev.resnettck.io.Weights;
import dev.resnettck.nn.Module;
import dev.resnettck.nn.StateDict;
import dev.resnettck.resnet.ResNetSpec;
import dev.resnettck.tck.spi.TckImplementation;
import dev.resnettck.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The seed's {@code predict_top5}: a ResNet with given weights classifies photographs, preprocessed
 * as torchvision does, and reports the five most probable classes with their softmax probability.
 */
public final class Classifier {
    /** One prediction: class index, its name, probability. */
    public record Prediction(int index, String name, double probability) {
    }

    private final Module model;
    private final ResNetSpec spec;

    private Classifier(Module model, ResNetSpec spec) {
        this.model = model;
        this.spec = spec;
    }

    /** Loads weights (.safetensors, .pth, .pt); the depth and class count come from the state_dict itself. */
    public static Classifier load(TckImplementation impl, Path weightsFile) throws IOException {
        Map<String, Tensor> weights = Weights.read(weightsFile);
        ResNetSpec spec = specFor(weights, weightsFile);
        Module model = impl.resnet(spec);
        StateDict.load(model, weights, weightsFile.toString());
        model.train(false);
        return new Classifier(model, spec);
    }

    /** The preset whose state_dict has as many entries as this one, with its input channels and classes. */
    static ResNetSpec specFor(Map<String, Tensor> weights, Path file) {
        Tensor fc = weights.get("fc.weight");
        Tensor conv1 = weights.get("conv1.weight");
        if (fc == null || conv1 == null || fc.dim() != 2 || conv1.dim() != 4) {
            throw new IllegalArgumentException(file + ": not a torchvision ResNet state_dict (no 2-d fc.weight and 4-d conv1.weight)");
        }
        int entries = weights.size();
        for (ResNetSpec preset : ResNetSpec.PRESETS) {
            ResNetSpec spec = preset.withInChannels(conv1.size(1)).withNumClasses(fc.size(0));
            if (TorchVisionCount.entries(spec) == entries) {
                return spec;
            }
        }
        throw new IllegalArgumentException(file + ": " + entries + " state_dict entries match no ResNet preset "
                + "(resnet18: 122, resnet34: 218, resnet50: 320, resnet101: 626, resnet152: 932)");
    }

    public ResNetSpec spec() {
        return spec;
    }

    /** The top {@code k} classes for each image file. */
    public List<List<Prediction>> classify(List<Path> images, int k) throws IOException {
        int plane = 3 * ImageNetTransform.CROP * ImageNetTransform.CROP;
        float[] batch = new float[images.size() * plane];
        for (int i = 0; i < images.size(); i++) {
            System.arraycopy(ImageNetTransform.apply(Images.readRgb(images.get(i))).data(), 0, batch, i * plane, plane);
        }
        Tensor x = Tensor.of(batch, images.size(), 3, ImageNetTransform.CROP, ImageNetTransform.CROP);
        float[] logits = GradMode.noGrad(() -> model.forward(x)).data();
        List<List<Prediction>> out = new ArrayList<>();
        int classes = spec.numClasses();
        for (int i = 0; i < images.size(); i++) {
            out.add(topK(logits, i * classes, classes, k));
        }
        return out;
    }

    static List<Prediction> topK(float[] logits, int from, int classes, int k) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < classes; c++) {
            max = Math.max(max, logits[from + c]);
        }
        double sum = 0;
        double[] p = new double[classes];
        for (int c = 0; c < classes; c++) {
            p[c] = Math.exp(logits[from + c] - max);
            sum += p[c];
        }
        List<Prediction> all = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            all.add(new Prediction(c, classes == ImageNetClasses.count() ? ImageNetClasses.name(c) : "class " + c, p[c] / sum));
        }
        all.sort((a, b) -> Double.compare(b.probability(), a.probability()));
        return all.subList(0, Math.min(k, classes));
    }

    /** torchvision's state_dict size for a spec: each conv 1 entry, each batch norm 5, fc 2. */
    static final class TorchVisionCount {
        private TorchVisionCount() {
        }

        static int entries(ResNetSpec spec) {
            int convs = 1;
            int perBlock = spec.block().expansion() == 1 ? 2 : 3;
            for (int stage = 0; stage < spec.stages(); stage++) {
                convs += spec.blocksPerStage().get(stage) * perBlock;
                if (spec.strides().get(stage) != 1 || spec.stageInChannels(stage) != spec.stageOutChannels(stage)) {
                    convs++;
                }
            }
            return convs * 6 + 2;
        }
    }
}
