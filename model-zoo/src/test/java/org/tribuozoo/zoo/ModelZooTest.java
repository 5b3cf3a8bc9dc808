package org.tribuozoo.zoo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.tribuozoo.dsl.Architecture;
import org.tribuozoo.dsl.InvalidArchitectureException;
import org.tribuozoo.dsl.Shape;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelZooTest {

    @ParameterizedTest(name = "{0} has {2} parameters")
    @CsvSource({
        "lenet5,                28x28x1,  61706,    10",
        "mnist-cnn,             28x28x1,  3156098,  10",
        "mnist-cnn-v2,          28x28x1,  594922,   10",
        "fashion-cnn-2x2,       28x28x1,  19978,    10",
        "fashion-cnn,           28x28x1,  333526,   10",
        "cifar10-cnn,           32x32x3,  890410,   10",
        "cifar10-keras-maxnorm, 32x32x3,  4210090,  10",
        "cifar10-tf-lowlevel,   32x32x3,  1379274,  10",
        "catsdogs-cnn,          50x50x1,  8897,     1",
        "alphago-policy-128,    19x19x48, 1777641,  361",
        "alphago-policy-192,    19x19x48, 3882793,  361",
        "alphago-policy-256,    19x19x48, 6798953,  361",
        "alphago-policy-384,    19x19x48, 15064297, 361",
    })
    void parameterCountsAndShapesMatchTheProductDefinition(String name, String input, long params, int outputs) {
        Architecture a = ModelZoo.get(name).architecture();
        assertEquals(input, a.inputShape().compact());
        assertEquals(params, a.parameterCount());
        assertEquals(params, a.trainableParameterCount());
        assertEquals(0, a.nonTrainableParameterCount());
        assertEquals(Shape.flat(outputs), a.outputShape());
    }

    @Test
    void everyTableEntryIsListedUnderItsName() {
        assertEquals(List.of("lenet5", "mnist-cnn", "mnist-cnn-v2", "fashion-cnn-2x2", "fashion-cnn", "cifar10-cnn",
                "cifar10-keras-maxnorm", "cifar10-tf-lowlevel", "catsdogs-cnn", "alphago-policy-128",
                "alphago-policy-192", "alphago-policy-256", "alphago-policy-384", "resnet20", "resnet50", "densenet121",
                "mobilenet", "vgg16"),
                ModelZoo.names().stream().filter(n -> !n.startsWith("test-")).toList());
    }

    @Test
    void intermediateShapesOfMnistCnnAndTheTfLowLevelFlatten() {
        Architecture a = ModelZoo.get("mnist-cnn").architecture();
        assertEquals(List.of(Shape.of(28, 28, 32), Shape.of(14, 14, 32), Shape.of(14, 14, 64), Shape.of(7, 7, 64),
                Shape.of(7, 7, 64), Shape.of(3136), Shape.of(1000), Shape.of(10)), a.outputShapes());
        Architecture low = ModelZoo.get("cifar10-tf-lowlevel").architecture();
        assertTrue(low.outputShapes().contains(Shape.of(2048)), "flattens to 2048 as the reference says");
    }

    @ParameterizedTest
    @CsvSource({"1", "32", "64", "7"})
    void alphaGoPolicyWorksForAnyK(int k) {
        long expected = 25L * 48 * k + k + 11L * (9L * k * k + k) + k + 361;
        Architecture a = ModelZoo.get("alphago-policy-" + k).architecture();
        assertEquals(expected, a.parameterCount());
        assertEquals(Shape.of(23 - 4, 19, k), a.outputShapes().get(0));
        assertEquals(Shape.of(361), a.outputShape());
    }

    @Test
    void alphaGoPolicyRejectsNonsenseK() {
        assertTrue(ModelZoo.find("alphago-policy-0").isEmpty());
        assertTrue(ModelZoo.find("alphago-policy-007").isEmpty());
    }

    @Test
    void unknownNamesListTheClosest() {
        UnknownModelException e = assertThrows(UnknownModelException.class, () -> ModelZoo.get("lenet"));
        assertEquals("lenet5", e.suggestions().get(0));
        assertEquals("unknown zoo model 'lenet'; did you mean lenet5, mobilenet?", e.getMessage());
        assertEquals("mnist-cnn", assertThrows(UnknownModelException.class, () -> ModelZoo.get("mnist-nn"))
                .suggestions().get(0));
        UnknownModelException none = assertThrows(UnknownModelException.class, () -> ModelZoo.get("no-such-net"));
        assertEquals("unknown zoo model 'no-such-net'; ModelZoo.names() lists the known names", none.getMessage());
        assertEquals("no-such-net", none.name());
    }

    @Test
    void inputShapeAndClassesCanBeOverridden() {
        Architecture a = ModelZoo.get("lenet5").architecture(Shape.image(32, 32, 3), 100);
        // conv 456 + conv 2,416 + conv (2x2x120) 48,120 + dense 480*84+84 + dense 84*100+100
        assertEquals(456 + 2416 + 48120 + 40404 + 8500, a.parameterCount());
        assertEquals(Shape.flat(100), a.outputShape());
    }

    @Test
    void anOverrideThatDoesNotFitIsAClearError() {
        InvalidArchitectureException e = assertThrows(InvalidArchitectureException.class,
                () -> ModelZoo.get("lenet5").architecture(Shape.image(8, 8, 1), 10));
        assertEquals("zoo model 'lenet5' cannot take input 8x8x1 with 10 classes: layer 'conv2d_2' (Conv2D): "
                + "window 5 is larger than the input height 4 with valid padding", e.getMessage());
        assertTrue(assertThrows(InvalidArchitectureException.class,
                () -> ModelZoo.get("catsdogs-cnn").architecture(Shape.image(50, 50, 1), 5)).getMessage()
                .contains("binary classifier"));
        assertTrue(assertThrows(InvalidArchitectureException.class,
                () -> ModelZoo.get("alphago-policy-32").architecture(Shape.image(19, 19, 48), 10)).getMessage()
                .contains("one class per board point: 361"));
        assertThrows(IllegalArgumentException.class, () -> ModelZoo.get("lenet5").architecture(Shape.image(28, 28, 1), 0));
    }

    @Test
    void recipesAreData() {
        var lenet = ModelZoo.get("lenet5").recipe();
        assertEquals(128, lenet.batchSize());
        assertEquals(30, lenet.epochs());
        assertEquals(0.001, lenet.optimizer().learningRate());
        var fashion = ModelZoo.get("fashion-cnn-2x2").recipe();
        assertEquals(0.2, fashion.validationSplit());
        assertEquals(10, fashion.earlyStopping().orElseThrow().patience());
        var maxnorm = ModelZoo.get("cifar10-keras-maxnorm").recipe();
        assertEquals("sgd lr 0.01, momentum 0.9, decay 0.001, categorical_crossentropy, batch 32, 10 epochs",
                ZooCatalog.describe(maxnorm));
        assertEquals(0.9917, ModelZoo.get("mnist-cnn").reference().orElseThrow().value());
        assertFalse(ModelZoo.get("fashion-cnn").reference().isPresent());
    }

    @ParameterizedTest
    @MethodSource("org.tribuozoo.zoo.ModelZoo#names")
    void everyEntryRoundTripsThroughJsonByteStably(String name) {
        Architecture a = ModelZoo.get(name).architecture();
        String json = a.toJson();
        assertEquals(a, Architecture.fromJson(json));
        assertEquals(json, Architecture.fromJson(json).toJson());
        assertEquals(json, ModelZoo.get(name).architecture().toJson());
    }

    @Test
    void thirdPartyEntriesAreFoundThroughTheServiceLoader() {
        ZooEntry e = ModelZoo.get("test-tiny-mlp");
        assertEquals(TestProvider.class, e.factory().getClass().getEnclosingClass());
        assertTrue(ModelZoo.names().contains("test-tiny-mlp"));
        assertEquals(4 * 3 + 3, e.parameterCount());
    }
}
