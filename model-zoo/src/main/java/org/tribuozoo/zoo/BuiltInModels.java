package org.tribuozoo.zoo;

import org.tribuozoo.dsl.Architecture;
import org.tribuozoo.dsl.Conv2D;
import org.tribuozoo.dsl.Dense;
import org.tribuozoo.dsl.Dropout;
import org.tribuozoo.dsl.Flatten;
import org.tribuozoo.dsl.Initializer;
import org.tribuozoo.dsl.InvalidArchitectureException;
import org.tribuozoo.dsl.MaxPool2D;
import org.tribuozoo.dsl.Padding;
import org.tribuozoo.dsl.PositionBias;
import org.tribuozoo.dsl.Shape;
import org.tribuozoo.dsl.SpatialSoftmax;
import org.tribuozoo.dsl.training.EarlyStopping;
import org.tribuozoo.dsl.training.LearningRateSchedule;
import org.tribuozoo.dsl.training.Loss;
import org.tribuozoo.dsl.training.Optimizer;
import org.tribuozoo.dsl.training.TrainingRecipe;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.tribuozoo.dsl.Activation.RELU;
import static org.tribuozoo.dsl.Activation.SIGMOID;
import static org.tribuozoo.dsl.Activation.SOFTMAX;

/** The zoo's own entries: the reference networks of the product definition with their recipes. */
public final class BuiltInModels implements ZooProvider {

    private static final Pattern ALPHAGO = Pattern.compile("alphago-policy-(\\d{1,5})");
    private static final Shape MNIST = Shape.image(28, 28, 1);
    private static final Shape CIFAR = Shape.image(32, 32, 3);
    private static final Shape IMAGENET = Shape.image(224, 224, 3);
    /** ImageNet's training images over a batch of 256: the steps of one epoch, for the papers' schedules. */
    private static final long IMAGENET_STEPS_PER_EPOCH = 5005;

    /** The provider; {@link ModelZoo} makes one, and {@link java.util.ServiceLoader} may make others. */
    public BuiltInModels() {
    }
    @Override
    public List<ZooEntry> entries() {
        return List.of(lenet5(), mnistCnn(), mnistCnnV2(), fashionCnn2x2(), fashionCnn(), cifar10Cnn(),
                cifar10KerasMaxNorm(), cifar10TfLowLevel(), catsDogsCnn(), alphaGoPolicy(128), alphaGoPolicy(192),
                alphaGoPolicy(256), alphaGoPolicy(384), resnet20(), resnet50(), densenet121(), mobilenet(), vgg16());
    }

    @Override
    public Optional<ZooEntry> find(String name) {
        Matcher m = ALPHAGO.matcher(name);
        if (m.matches()) {
            int k = Integer.parseInt(m.group(1));
            return k > 0 && name.equals("alphago-policy-" + k) ? Optional.of(alphaGoPolicy(k)) : Optional.empty();
        }
        return ZooProvider.super.find(name);
    }

    static ZooEntry lenet5() {
        return new ZooEntry("lenet5", "LeNet-5: three 5x5 convolutions, two max-pools, two dense layers", MNIST, 10,
                (name, in, classes) -> Architecture.builder(name).input(in)
                        .add(Conv2D.filters(6).kernel(5).padding(Padding.same()).activation(RELU))
                        .add(MaxPool2D.size(2).strides(2))
                        .add(Conv2D.filters(16).kernel(5).activation(RELU))
                        .add(MaxPool2D.size(2).strides(2))
                        .add(Conv2D.filters(120).kernel(5).activation(RELU))
                        .add(Flatten.layer())
                        .add(Dense.units(84).activation(RELU))
                        .add(Dense.units(classes).activation(SOFTMAX))
                        .build(),
                TrainingRecipe.of(Optimizer.adam(), Loss.categoricalCrossEntropy(), 128, 30),
                Optional.of(ReferenceResult.accuracy("MNIST test", 0.9910)));
    }

    static ZooEntry mnistCnn() {
        return new ZooEntry("mnist-cnn", "MNIST CNN: 5x5 and 2x2 convolutions, dropout, a 1000-unit dense layer",
                MNIST, 10,
                (name, in, classes) -> Architecture.builder(name).input(in)
                        .add(Conv2D.filters(32).kernel(5).strides(1).padding(Padding.same()).activation(RELU))
                        .add(MaxPool2D.size(2).strides(2))
                        .add(Conv2D.filters(64).kernel(2).padding(Padding.same()).activation(RELU))
                        .add(MaxPool2D.size(2))
                        .add(Dropout.rate(0.25))
                        .add(Flatten.layer())
                        .add(Dense.units(1000).activation(RELU))
                        .add(Dense.units(classes).activation(SOFTMAX))
                        .build(),
                TrainingRecipe.of(Optimizer.adam(), Loss.sparseCategoricalCrossEntropy(), 32, 5),
                Optional.of(ReferenceResult.accuracy("MNIST test", 0.9917).withNote("83 wrong of 10,000")));
    }

    /** Two pairs of 3x3 convolutions with dropout, as the mnist-cnn-v2 and cifar10-cnn entries share. */
    private static Architecture doubleConvNet(String name, Shape in, int classes) {
        return Architecture.builder(name).input(in)
                .add(Conv2D.filters(32).kernel(3).activation(RELU))
                .add(Conv2D.filters(32).kernel(3).activation(RELU))
                .add(MaxPool2D.size(2))
                .add(Dropout.rate(0.25))
                .add(Conv2D.filters(64).kernel(3).activation(RELU))
                .add(Conv2D.filters(64).kernel(3).activation(RELU))
                .add(MaxPool2D.size(2))
                .add(Dropout.rate(0.25))
                .add(Flatten.layer())
                .add(Dense.units(512).activation(RELU))
                .add(Dropout.rate(0.5))
                .add(Dense.units(classes).activation(SOFTMAX))
                .build();
    }

    static ZooEntry mnistCnnV2() {
        return new ZooEntry("mnist-cnn-v2", "MNIST CNN v2: two pairs of 3x3 convolutions with dropout, 512-unit dense",
                MNIST, 10, BuiltInModels::doubleConvNet,
                TrainingRecipe.of(Optimizer.adam(), Loss.categoricalCrossEntropy(), 128, 100),
                Optional.of(ReferenceResult.accuracy("MNIST test", 0.9958)));
    }

    /** Two 2x2 convolutions with dropout and a single output layer, shared by fashion-cnn-2x2 and catsdogs-cnn. */
    private static Architecture smallConvNet(String name, Shape in, int outputs, org.tribuozoo.dsl.Activation out) {
        return Architecture.builder(name).input(in)
                .add(Conv2D.filters(32).kernel(2).padding(Padding.same()).activation(RELU))
                .add(MaxPool2D.size(2))
                .add(Dropout.rate(0.3))
                .add(Conv2D.filters(32).kernel(2).padding(Padding.same()).activation(RELU))
                .add(MaxPool2D.size(2))
                .add(Dropout.rate(0.3))
                .add(Flatten.layer())
                .add(Dropout.rate(0.5))
                .add(Dense.units(outputs).activation(out))
                .build();
    }

    static ZooEntry fashionCnn2x2() {
        return new ZooEntry("fashion-cnn-2x2", "Fashion-MNIST CNN: two 2x2 convolutions with dropout, softmax output",
                MNIST, 10, (name, in, classes) -> smallConvNet(name, in, classes, SOFTMAX),
                TrainingRecipe.of(Optimizer.adam(), Loss.categoricalCrossEntropy(), 32, 5)
                        .withValidationSplit(0.2)
                        .withEarlyStopping(EarlyStopping.onValidationLoss(10)),
                Optional.of(ReferenceResult.accuracy("Fashion-MNIST test", 0.8735).withNote("loss 0.3654")));
    }

    static ZooEntry fashionCnn() {
        return new ZooEntry("fashion-cnn", "Fashion-MNIST CNN: two 3x3 convolutions, a 100-unit dense layer, dropout",
                MNIST, 10,
                (name, in, classes) -> Architecture.builder(name).input(in)
                        .add(Conv2D.filters(32).kernel(3).padding(Padding.same()).activation(RELU))
                        .add(MaxPool2D.size(2))
                        .add(Conv2D.filters(64).kernel(3).padding(Padding.same()).activation(RELU))
                        .add(MaxPool2D.size(2))
                        .add(Flatten.layer())
                        .add(Dense.units(100).activation(RELU))
                        .add(Dropout.rate(0.4))
                        .add(Dense.units(classes).activation(SOFTMAX))
                        .build(),
                // The reference gives no recipe; Adam with sparse categorical cross-entropy is the sensible default.
                TrainingRecipe.of(Optimizer.adam(), Loss.sparseCategoricalCrossEntropy(), 32, 5),
                Optional.empty());
    }

    static ZooEntry cifar10Cnn() {
        return new ZooEntry("cifar10-cnn", "CIFAR-10 CNN: mnist-cnn-v2's layers on 32x32 colour images", CIFAR, 10,
                BuiltInModels::doubleConvNet,
                TrainingRecipe.of(Optimizer.adam(), Loss.categoricalCrossEntropy(), 128, 100),
                Optional.of(ReferenceResult.accuracy("CIFAR-10 test", 0.8140)));
    }

    static ZooEntry cifar10KerasMaxNorm() {
        double lr = 0.01;
        int epochs = 10;
        return new ZooEntry("cifar10-keras-maxnorm",
                "CIFAR-10 Keras CNN: two 3x3 convolutions and a 512-unit dense layer under max-norm 3", CIFAR, 10,
                (name, in, classes) -> Architecture.builder(name).input(in)
                        .add(Conv2D.filters(32).kernel(3).padding(Padding.same()).activation(RELU).maxNorm(3))
                        .add(Conv2D.filters(32).kernel(3).padding(Padding.same()).activation(RELU).maxNorm(3))
                        .add(MaxPool2D.size(2).strides(2))
                        .add(Flatten.layer())
                        .add(Dense.units(512).activation(RELU).maxNorm(3))
                        .add(Dense.units(classes).activation(SOFTMAX))
                        .build(),
                TrainingRecipe.of(new Optimizer.Sgd(lr, 0.9, false, lr / epochs), Loss.categoricalCrossEntropy(), 32,
                        epochs),
                Optional.empty());
    }

    static ZooEntry cifar10TfLowLevel() {
        Initializer weights = Initializer.randomNormal(0.01);
        return new ZooEntry("cifar10-tf-lowlevel",
                "CIFAR-10 low-level TensorFlow CNN: three bias-free convolutions, N(0, 0.01) weights, dropout", CIFAR,
                10,
                (name, in, classes) -> Architecture.builder(name).input(in)
                        .add(Conv2D.filters(32).kernel(3).padding(Padding.same()).activation(RELU).noBias()
                                .kernelInitializer(weights))
                        .add(MaxPool2D.size(2).strides(2).padding(Padding.same()))
                        .add(Dropout.rate(0.2))
                        .add(Conv2D.filters(64).kernel(3).padding(Padding.same()).activation(RELU).noBias()
                                .kernelInitializer(weights))
                        .add(MaxPool2D.size(2).strides(2).padding(Padding.same()))
                        .add(Dropout.rate(0.2))
                        .add(Conv2D.filters(128).kernel(3).padding(Padding.same()).activation(RELU).noBias()
                                .kernelInitializer(weights))
                        .add(MaxPool2D.size(2).strides(2).padding(Padding.same()))
                        .add(Flatten.layer())
                        .add(Dropout.rate(0.2))
                        .add(Dense.units(625).activation(RELU).noBias().kernelInitializer(weights))
                        .add(Dropout.rate(0.5))
                        .add(Dense.units(classes).activation(SOFTMAX).noBias().kernelInitializer(weights))
                        .build(),
                TrainingRecipe.of(new Optimizer.RmsProp(0.001, 0.9, 0.0, 1e-7), Loss.categoricalCrossEntropy(), 128, 50),
                Optional.empty());
    }

    static ZooEntry catsDogsCnn() {
        return new ZooEntry("catsdogs-cnn",
                "Cats vs dogs: fashion-cnn-2x2's layers on 50x50 grey images with one sigmoid output",
                Shape.image(50, 50, 1), 2,
                (name, in, classes) -> {
                    if (classes != 2) {
                        throw new InvalidArchitectureException("catsdogs-cnn is a binary classifier (one sigmoid "
                                + "output) and cannot have " + classes + " classes; use fashion-cnn-2x2 for more");
                    }
                    return smallConvNet(name, in, 1, SIGMOID);
                },
                TrainingRecipe.of(Optimizer.adam(), Loss.binaryCrossEntropy(), 32, 5).withValidationSplit(0.2),
                Optional.empty());
    }

    /**
     * The AlphaGo supervised-learning policy network with {@code k} filters per hidden convolution:
     * 5x5 then eleven 3x3 convolutions on a 19x19x48 board stack, a 1x1 convolution without shared
     * bias, a bias per board point and a softmax over the points.
     */
    static ZooEntry alphaGoPolicy(int k) {
        Optional<ReferenceResult> reference = switch (k) {
            case 128 -> Optional.of(ReferenceResult.accuracy("KGS move prediction", 0.546));
            case 192 -> Optional.of(ReferenceResult.accuracy("KGS move prediction", 0.554).withNote("one network"));
            case 256 -> Optional.of(ReferenceResult.accuracy("KGS move prediction", 0.570)
                    .withNote("averaged over 8 symmetries; 55.9% for one network"));
            default -> Optional.empty();
        };
        return new ZooEntry("alphago-policy-" + k, "AlphaGo policy network, " + k
                + " filters: 13 convolutions over 48 feature planes, softmax over the 361 points",
                Shape.image(19, 19, 48), 361,
                (name, in, classes) -> {
                    if (!in.isImage()) {
                        throw new InvalidArchitectureException(name + " needs a board input (size, size, planes), got "
                                + in);
                    }
                    long points = (long) in.height() * in.width();
                    if (classes != points) {
                        throw new InvalidArchitectureException(name + " predicts one class per board point: " + points
                                + " for a " + in.height() + "x" + in.width() + " board, not " + classes);
                    }
                    Architecture.Builder b = Architecture.builder(name).input(in)
                            .add(Conv2D.filters(k).kernel(5).padding(Padding.explicit(2)).activation(RELU));
                    for (int i = 0; i < 11; i++) {
                        b.add(Conv2D.filters(k).kernel(3).padding(Padding.explicit(1)).activation(RELU));
                    }
                    return b.add(Conv2D.filters(1).kernel(1).noBias())
                            .add(PositionBias.create())
                            .add(SpatialSoftmax.create())
                            .build();
                },
                new TrainingRecipe(Optimizer.sgd().withLearningRate(0.003),
                        LearningRateSchedule.stepDecay(0.5, 80_000_000L), Loss.sparseCategoricalCrossEntropy(), 16, 1,
                        0.0, Optional.empty()),
                reference);
    }

    /**
     * ResNet-20 (He et al. 2016, section 4.2) with the paper's CIFAR-10 recipe as far as the DSL states
     * it: SGD lr 0.1, momentum 0.9, batch 128, divided by 10 every 32,000 steps (the paper divides at
     * 32k and 48k and stops at 64k, about 164 epochs; its weight decay of 1e-4 is not applied).
     */
    static ZooEntry resnet20() {
        return new ZooEntry("resnet20", "ResNet-20 for 32x32 images: 3 stages of 3 residual blocks (16, 32, 64 "
                + "filters), batch normalisation, global 8x8 average pooling", CIFAR, 10,
                KerasApplications::resnet20,
                new TrainingRecipe(new Optimizer.Sgd(0.1, 0.9, false, 0.0), LearningRateSchedule.stepDecay(0.1, 32_000),
                        Loss.categoricalCrossEntropy(), 128, 164, 0.0, Optional.empty()),
                Optional.of(ReferenceResult.accuracy("CIFAR-10 test", 0.9125).withNote("He et al. 2016, table 6")));
    }

    /** Keras Applications' ResNet50 with the paper's ImageNet recipe (its weight decay not applied). */
    static ZooEntry resnet50() {
        return new ZooEntry("resnet50", "ResNet50 (Keras Applications): bottleneck residual blocks with batch "
                + "normalisation, Keras's layer names", IMAGENET, 1000,
                (name, in, classes) -> KerasApplications.resnet50(name, in, classes, KerasApplications.Top.classifier()),
                imagenetSgd(0.1, 90, 30),
                Optional.of(ReferenceResult.accuracy("ImageNet validation top-1", 0.749)
                        .withNote("Keras Applications' weights")));
    }

    /** Keras Applications' DenseNet121 with the paper's ImageNet recipe (its weight decay not applied). */
    static ZooEntry densenet121() {
        return new ZooEntry("densenet121", "DenseNet121 (Keras Applications): dense blocks of 6, 12, 24, 16 "
                + "concatenated layers, Keras 3's layer names", IMAGENET, 1000,
                (name, in, classes) -> KerasApplications.densenet121(name, in, classes,
                        KerasApplications.Top.classifier()),
                imagenetSgd(0.1, 90, 30),
                Optional.of(ReferenceResult.accuracy("ImageNet validation top-1", 0.750)
                        .withNote("Keras Applications' weights")));
    }

    /** Keras Applications' MobileNet v1 (alpha 1.0); the paper trains with RMSProp and gives no further recipe. */
    static ZooEntry mobilenet() {
        return new ZooEntry("mobilenet", "MobileNet v1 (Keras Applications, alpha 1.0): depthwise separable "
                + "convolutions with batch normalisation and ReLU6, Keras's layer names", IMAGENET, 1000,
                (name, in, classes) -> KerasApplications.mobilenet(name, in, classes, KerasApplications.Top.classifier()),
                TrainingRecipe.of(Optimizer.rmsProp(), Loss.categoricalCrossEntropy(), 128, 100),
                Optional.of(ReferenceResult.accuracy("ImageNet validation top-1", 0.704)
                        .withNote("Keras Applications' weights")));
    }

    /** Keras Applications' VGG16 with the paper's ImageNet recipe (lr 0.01, divided by 10 as it plateaus). */
    static ZooEntry vgg16() {
        return new ZooEntry("vgg16", "VGG16 (Keras Applications): 13 3x3 convolutions in 5 blocks, two 4096-unit "
                + "dense layers", IMAGENET, 1000,
                (name, in, classes) -> KerasApplications.vgg16(name, in, classes, KerasApplications.Top.classifier()),
                imagenetSgd(0.01, 74, 25),
                Optional.of(ReferenceResult.accuracy("ImageNet validation top-1", 0.713)
                        .withNote("Keras Applications' weights")));
    }

    /** SGD with momentum 0.9 at batch 256, the rate divided by 10 every {@code every} epochs. */
    private static TrainingRecipe imagenetSgd(double lr, int epochs, int every) {
        return new TrainingRecipe(new Optimizer.Sgd(lr, 0.9, false, 0.0),
                LearningRateSchedule.stepDecay(0.1, every * IMAGENET_STEPS_PER_EPOCH), Loss.categoricalCrossEntropy(),
                256, epochs, 0.0, Optional.empty());
    }
}
