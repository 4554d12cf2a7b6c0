package dev.resnettck.tck.classify;

import dev.resnettck.nn.GradMode;
import dev.resnettck.data.Batches;
import dev.resnettck.data.FashionMnist;
import dev.resnettck.data.ImageNetClasses;
import dev.resnettck.data.Resize;
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
    private final boolean fashionMnist;

    private Classifier(Module model, ResNetSpec spec) {
        this.model = model;
        this.spec = spec;
        // the gate's model: one input channel, FashionMNIST's ten classes, 28x28 inputs with its normalisation
        this.fashionMnist = spec.inChannels() == 1 && spec.numClasses() == FashionMnist.NAMES.length;
    }

    /**
     * Loads weights (.safetensors, .pth, .pt); the depth, input channels and class count come from
     * the state_dict itself. A learner checkpoint (the gate's, with optimizer state and history
     * beside the weights) is read for its weights.
     */
    public static Classifier load(TckImplementation impl, Path weightsFile) throws IOException {
        Map<String, Tensor> weights = new java.util.LinkedHashMap<>(Weights.read(weightsFile));
        weights.keySet().removeIf(k -> k.startsWith("optimizer.") || k.startsWith("history."));
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

    /** What the model was trained on, in words: ImageNet-style or the gate's FashionMNIST. */
    public String inputs() {
        return fashionMnist ? "FashionMNIST classes, images as grayscale 28x28 normalised as the gate trains"
                : "ImageNet preprocessing (resize 256, center crop 224, normalise)";
    }

    /** The model's logits for the image files, (images x classes), after the model's preprocessing. */
    public float[] logits(List<Path> images) throws IOException {
        Tensor x = fashionMnist ? fashionMnistBatch(images) : imageNetBatch(images);
        return GradMode.noGrad(() -> model.forward(x)).data();
    }

    /** The top {@code k} classes for each image file. */
    public List<List<Prediction>> classify(List<Path> images, int k) throws IOException {
        float[] logits = logits(images);
        List<List<Prediction>> out = new ArrayList<>();
        int classes = spec.numClasses();
        for (int i = 0; i < images.size(); i++) {
            out.add(topK(logits, i * classes, classes, k));
        }
        return out;
    }

    private static Tensor imageNetBatch(List<Path> images) throws IOException {
        int plane = 3 * ImageNetTransform.CROP * ImageNetTransform.CROP;
        float[] batch = new float[images.size() * plane];
        for (int i = 0; i < images.size(); i++) {
            System.arraycopy(ImageNetTransform.apply(Images.readRgb(images.get(i))).data(), 0, batch, i * plane, plane);
        }
        return Tensor.of(batch, images.size(), 3, ImageNetTransform.CROP, ImageNetTransform.CROP);
    }

    /** Grayscale (ITU-R 601 luma, as PIL's convert("L")), resized to 28x28, normalised with FashionMNIST's mean and std. */
    private static Tensor fashionMnistBatch(List<Path> images) throws IOException {
        int side = 28;
        float[] batch = new float[images.size() * side * side];
        for (int i = 0; i < images.size(); i++) {
            Tensor rgb = Images.readRgb(images.get(i));
            int h = rgb.size(1), w = rgb.size(2);
            float[] v = rgb.data();
            float[] gray = new float[h * w];
            for (int p = 0; p < gray.length; p++) {
                gray[p] = (float) (0.299 * v[p] + 0.587 * v[h * w + p] + 0.114 * v[2 * h * w + p]);
            }
            float[] small = Resize.bilinear(Tensor.of(gray, 1, h, w), side, side).data();
            for (int p = 0; p < small.length; p++) {
                batch[i * side * side + p] = (small[p] - Batches.MEAN) / Batches.STD;
            }
        }
        return Tensor.of(batch, images.size(), 1, side, side);
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
            all.add(new Prediction(c, classes == ImageNetClasses.count() ? ImageNetClasses.name(c)
                    : classes == FashionMnist.NAMES.length ? FashionMnist.NAMES[c] : "class " + c, p[c] / sum));
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
