package dev.resnettck.tck.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resnettck.data.ImageNetTransform;
import dev.resnettck.reference.Precision;
import dev.resnettck.reference.RefVar;
import dev.resnettck.reference.TorchSession;
import dev.resnettck.tck.compare.Compare;
import dev.resnettck.tck.compare.Comparison;
import dev.resnettck.tck.compare.Tolerance;
import dev.resnettck.tck.rules.SuiteContext;
import dev.resnettck.tensor.Tensor;
import io.qameta.allure.Allure;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The ImageNet preprocessing the model checks feed both sides is itself torchvision's: resize
 * (torch's antialiased bilinear interpolate), center crop and normalise, against torch on the photos.
 */
class PreprocessingIT {
    private final Path golden = SuiteContext.fromSystemProperties().goldenDir();

    @ParameterizedTest
    @ValueSource(strings = {"chelsea.png", "coffee.png"})
    void matchesTorchvisionOnThePhotos(String photo) {
        Tensor image = ModelInputs.photo(golden, photo);
        Tensor ours = ImageNetTransform.apply(image);
        int[] size = ImageNetTransform.resizedSize(image.size(1), image.size(2), ImageNetTransform.RESIZE);
        Comparison c;
        try (TorchSession torch = TorchSession.forward(Precision.FLOAT64)) {
            RefVar x = torch.constant(image.data(), 1, 3, image.size(1), image.size(2));
            RefVar resized = torch.resize(x, size[0], size[1]);
            RefVar cropped = torch.crop(resized, ImageNetTransform.cropStart(size[0], 224),
                    ImageNetTransform.cropStart(size[1], 224), 224, 224);
            RefVar normalised = torch.normalize(cropped, ImageNetTransform.MEAN, ImageNetTransform.STD);
            assertArrayEquals(new int[] {1, 3, 224, 224}, normalised.shape());
            c = Compare.arrays("preprocessed " + photo, ours.data(), normalised.values(), normalised.shape(), 2,
                    Tolerance.DEFAULT);
        }
        Allure.parameter("photo", photo);
        Allure.parameter("resized to", size[0] + "x" + size[1]);
        Allure.parameter("comparison", c.summary());
        assertTrue(c.passed(), c.summary());
    }
}
