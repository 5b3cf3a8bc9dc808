package org.tribuozoo.zoo;

import org.tribuozoo.dsl.Activation;
import org.tribuozoo.dsl.ActivationLayer;
import org.tribuozoo.dsl.Add;
import org.tribuozoo.dsl.Architecture;
import org.tribuozoo.dsl.AvgPool2D;
import org.tribuozoo.dsl.BatchNormalization;
import org.tribuozoo.dsl.Concatenate;
import org.tribuozoo.dsl.Conv2D;
import org.tribuozoo.dsl.Dense;
import org.tribuozoo.dsl.DepthwiseConv2D;
import org.tribuozoo.dsl.Dropout;
import org.tribuozoo.dsl.Flatten;
import org.tribuozoo.dsl.GlobalAveragePooling2D;
import org.tribuozoo.dsl.GlobalMaxPooling2D;
import org.tribuozoo.dsl.GraphBuilder;
import org.tribuozoo.dsl.Initializer;
import org.tribuozoo.dsl.MaxPool2D;
import org.tribuozoo.dsl.NamedSpec;
import org.tribuozoo.dsl.Node;
import org.tribuozoo.dsl.Padding;
import org.tribuozoo.dsl.ReLU;
import org.tribuozoo.dsl.Reshape;
import org.tribuozoo.dsl.Shape;
import org.tribuozoo.dsl.ZeroPadding2D;

import java.util.Objects;

/**
 * Keras Applications' networks with Keras's exact layer names, parameter names and parameter
 * counts, so that Keras weight files map onto them by name: ResNet50, DenseNet121, MobileNet (v1,
 * alpha 1.0, depth multiplier 1) and VGG16, each with a configurable input, class count, top and
 * pooling; and the CIFAR-sized ResNet-20 (ResNet v1, He et al. 2016, section 4.2).
 *
 * <p>Names follow Keras 3 (and tf.keras 2.x, except DenseNet, where tf.keras 2 wrote
 * {@code conv1/conv} and Keras 3 writes {@code conv1_conv}: names here never hold a {@code /},
 * which separates a parameter's layer from its name).
 */
public final class KerasApplications {

    /** What a network without its top ends with, as Keras's {@code pooling} argument. */
    public enum Pooling {
        /** The last feature maps as they are (an image output). */
        NONE,
        /** A global average over each feature map. */
        AVG,
        /** A global maximum over each feature map. */
        MAX
    }

    /**
     * Which part of a network to build.
     *
     * @param includeTop whether to end with the classifier (Keras's {@code include_top})
     * @param pooling    without the top, how the network ends
     */
    public record Top(boolean includeTop, Pooling pooling) {
        /**
         * Checks that pooling is asked for only without the top.
         *
         * @param includeTop whether to end with the classifier (Keras's {@code include_top})
         * @param pooling    without the top, how the network ends; {@link Pooling#NONE} with the top
         * @throws NullPointerException     if the pooling is null
         * @throws IllegalArgumentException if the top is included and the pooling is not {@link Pooling#NONE}
         */
        public Top {
            Objects.requireNonNull(pooling, "pooling");
            if (includeTop && pooling != Pooling.NONE) {
                throw new IllegalArgumentException("pooling " + pooling + " applies only without the top");
            }
        }

        /** {@return the classifier on top, as Keras's defaults: the network ends in a softmax over the classes} */
        public static Top classifier() {
            return new Top(true, Pooling.NONE);
        }

        /**
         * No classifier; the feature maps pooled (or not) as asked, for transfer learning or feature extraction.
         *
         * @param pooling how the network ends: the feature maps as they are, or pooled to a flat vector
         * @return the part to build
         * @throws NullPointerException if the pooling is null
         */
        public static Top features(Pooling pooling) {
            return new Top(false, pooling);
        }
    }

    /** Keras's ResNet and DenseNet batch-normalisation epsilon. */
    private static final double RESNET_EPSILON = 1.001e-5;

    private KerasApplications() {
    }

    /**
     * ResNet50: 25,636,712 parameters (53,120 non-trainable) at 224x224x3 with 1,000 classes.
     *
     * @param name    the architecture's name
     * @param input   an image shape, 224x224x3 for Keras's ImageNet weights
     * @param classes the classifier's number of classes, positive; unused without the top
     * @param top     whether to end with the classifier or with (pooled) feature maps
     * @return the network, with Keras's layer names
     * @throws org.tribuozoo.dsl.InvalidArchitectureException if the input is too small for the network's
     *                                                        downsampling (the message names the first layer
     *                                                        that does not fit), or the class count is not
     *                                                        positive with the top
     */
    public static Architecture resnet50(String name, Shape input, int classes, Top top) {
        GraphBuilder g = Architecture.graph(name);
        Node x = g.input(input);
        x = ZeroPadding2D.of(3).name("conv1_pad").apply(x);
        x = Conv2D.filters(64).kernel(7).strides(2).name("conv1_conv").apply(x);
        x = bn("conv1_bn", RESNET_EPSILON).apply(x);
        x = relu("conv1_relu").apply(x);
        x = ZeroPadding2D.of(1).name("pool1_pad").apply(x);
        x = MaxPool2D.size(3).strides(2).name("pool1_pool").apply(x);
        x = resnetStack(x, 64, 3, 1, "conv2");
        x = resnetStack(x, 128, 4, 2, "conv3");
        x = resnetStack(x, 256, 6, 2, "conv4");
        x = resnetStack(x, 512, 3, 2, "conv5");
        if (top.includeTop()) {
            x = GlobalAveragePooling2D.create().name("avg_pool").apply(x);
            x = Dense.units(classes).activation(Activation.SOFTMAX).name("predictions").apply(x);
        } else {
            x = pool(x, top.pooling(), "avg_pool", "max_pool");
        }
        return g.build(x);
    }

    /** Keras's {@code stack1}: a block with a projection shortcut, then identity blocks. */
    private static Node resnetStack(Node x, int filters, int blocks, int stride, String name) {
        x = resnetBlock(x, filters, stride, true, name + "_block1");
        for (int i = 2; i <= blocks; i++) {
            x = resnetBlock(x, filters, 1, false, name + "_block" + i);
        }
        return x;
    }

    /** Keras's {@code block1}: 1x1, 3x3, 1x1 convolutions and a shortcut, added. */
    private static Node resnetBlock(Node x, int filters, int stride, boolean convShortcut, String name) {
        Node shortcut = x;
        if (convShortcut) {
            shortcut = Conv2D.filters(4 * filters).kernel(1).strides(stride).name(name + "_0_conv").apply(x);
            shortcut = bn(name + "_0_bn", RESNET_EPSILON).apply(shortcut);
        }
        Node y = Conv2D.filters(filters).kernel(1).strides(stride).name(name + "_1_conv").apply(x);
        y = bn(name + "_1_bn", RESNET_EPSILON).apply(y);
        y = relu(name + "_1_relu").apply(y);
        y = Conv2D.filters(filters).kernel(3).padding(Padding.same()).name(name + "_2_conv").apply(y);
        y = bn(name + "_2_bn", RESNET_EPSILON).apply(y);
        y = relu(name + "_2_relu").apply(y);
        y = Conv2D.filters(4 * filters).kernel(1).name(name + "_3_conv").apply(y);
        y = bn(name + "_3_bn", RESNET_EPSILON).apply(y);
        Node sum = Add.layer().name(name + "_add").apply(shortcut, y);
        return relu(name + "_out").apply(sum);
    }

    /**
     * DenseNet121: 8,062,504 parameters (83,648 non-trainable) at 224x224x3 with 1,000 classes.
     *
     * @param name    the architecture's name
     * @param input   an image shape, 224x224x3 for Keras's ImageNet weights
     * @param classes the classifier's number of classes, positive; unused without the top
     * @param top     whether to end with the classifier or with (pooled) feature maps
     * @return the network, with Keras 3's layer names
     * @throws org.tribuozoo.dsl.InvalidArchitectureException if the input is too small for the network's
     *                                                        downsampling (the message names the first layer
     *                                                        that does not fit), or the class count is not
     *                                                        positive with the top
     */
    public static Architecture densenet121(String name, Shape input, int classes, Top top) {
        GraphBuilder g = Architecture.graph(name);
        Node x = g.input(input);
        x = ZeroPadding2D.of(3).name("zero_padding2d").apply(x);
        x = Conv2D.filters(64).kernel(7).strides(2).noBias().name("conv1_conv").apply(x);
        x = bn("conv1_bn", RESNET_EPSILON).apply(x);
        x = relu("conv1_relu").apply(x);
        x = ZeroPadding2D.of(1).name("zero_padding2d_1").apply(x);
        x = MaxPool2D.size(3).strides(2).name("pool1").apply(x);
        int channels = 64;
        int[] blocks = {6, 12, 24, 16};
        for (int b = 0; b < blocks.length; b++) {
            String stage = "conv" + (b + 2);
            for (int i = 1; i <= blocks[b]; i++) {
                x = denseConvBlock(x, 32, stage + "_block" + i);
                channels += 32;
            }
            if (b < blocks.length - 1) {
                String pool = "pool" + (b + 2);
                x = bn(pool + "_bn", RESNET_EPSILON).apply(x);
                x = relu(pool + "_relu").apply(x);
                channels = channels / 2;
                x = Conv2D.filters(channels).kernel(1).noBias().name(pool + "_conv").apply(x);
                x = AvgPool2D.size(2).strides(2).name(pool + "_pool").apply(x);
            }
        }
        x = bn("bn", RESNET_EPSILON).apply(x);
        x = relu("relu").apply(x);
        if (top.includeTop()) {
            x = GlobalAveragePooling2D.create().name("avg_pool").apply(x);
            x = Dense.units(classes).activation(Activation.SOFTMAX).name("predictions").apply(x);
        } else {
            x = pool(x, top.pooling(), "avg_pool", "max_pool");
        }
        return g.build(x);
    }

    /** Keras's DenseNet {@code conv_block}: BN, ReLU, 1x1, BN, ReLU, 3x3, concatenated to its input. */
    private static Node denseConvBlock(Node x, int growth, String name) {
        Node y = bn(name + "_0_bn", RESNET_EPSILON).apply(x);
        y = relu(name + "_0_relu").apply(y);
        y = Conv2D.filters(4 * growth).kernel(1).noBias().name(name + "_1_conv").apply(y);
        y = bn(name + "_1_bn", RESNET_EPSILON).apply(y);
        y = relu(name + "_1_relu").apply(y);
        y = Conv2D.filters(growth).kernel(3).padding(Padding.same()).noBias().name(name + "_2_conv").apply(y);
        return Concatenate.axis(-1).name(name + "_concat").apply(x, y);
    }

    /**
     * MobileNet v1 (alpha 1.0, depth multiplier 1): 4,253,864 parameters (21,888 non-trainable) at 224x224x3
     * with 1,000 classes.
     *
     * @param name    the architecture's name
     * @param input   an image shape, 224x224x3 for Keras's ImageNet weights
     * @param classes the classifier's number of classes, positive; unused without the top
     * @param top     whether to end with the classifier or with (pooled) feature maps
     * @return the network, with Keras's layer names
     * @throws org.tribuozoo.dsl.InvalidArchitectureException if the input is too small for the network's
     *                                                        downsampling (the message names the first layer
     *                                                        that does not fit), or the class count is not
     *                                                        positive with the top
     */
    public static Architecture mobilenet(String name, Shape input, int classes, Top top) {
        GraphBuilder g = Architecture.graph(name);
        Node x = g.input(input);
        x = Conv2D.filters(32).kernel(3).strides(2).padding(Padding.same()).noBias().name("conv1").apply(x);
        x = bn("conv1_bn", BatchNormalization.DEFAULT_EPSILON).apply(x);
        x = relu6("conv1_relu").apply(x);
        int[] filters = {64, 128, 128, 256, 256, 512, 512, 512, 512, 512, 512, 1024, 1024};
        int[] strides = {1, 2, 1, 2, 1, 2, 1, 1, 1, 1, 1, 2, 1};
        for (int i = 0; i < filters.length; i++) {
            x = depthwiseBlock(x, filters[i], strides[i], i + 1);
        }
        if (top.includeTop()) {
            x = GlobalAveragePooling2D.create(true).name("global_average_pooling2d").apply(x);
            x = Dropout.rate(1e-3).name("dropout").apply(x);
            x = Conv2D.filters(classes).kernel(1).padding(Padding.same()).name("conv_preds").apply(x);
            x = Reshape.to(classes).name("reshape_2").apply(x);
            x = ActivationLayer.of(Activation.SOFTMAX).name("predictions").apply(x);
        } else {
            x = pool(x, top.pooling(), "global_average_pooling2d", "global_max_pooling2d");
        }
        return g.build(x);
    }

    /** Keras's {@code _depthwise_conv_block}: a 3x3 depthwise and a 1x1 pointwise convolution, each with BN and ReLU6. */
    private static Node depthwiseBlock(Node x, int pointwise, int stride, int id) {
        if (stride != 1) {
            x = ZeroPadding2D.of(0, 1, 0, 1).name("conv_pad_" + id).apply(x);
        }
        x = DepthwiseConv2D.kernel(3).strides(stride).padding(stride == 1 ? Padding.same() : Padding.valid())
                .noBias().name("conv_dw_" + id).apply(x);
        x = bn("conv_dw_" + id + "_bn", BatchNormalization.DEFAULT_EPSILON).apply(x);
        x = relu6("conv_dw_" + id + "_relu").apply(x);
        x = Conv2D.filters(pointwise).kernel(1).padding(Padding.same()).noBias().name("conv_pw_" + id).apply(x);
        x = bn("conv_pw_" + id + "_bn", BatchNormalization.DEFAULT_EPSILON).apply(x);
        return relu6("conv_pw_" + id + "_relu").apply(x);
    }

    /**
     * VGG16: 138,357,544 parameters at 224x224x3 with 1,000 classes.
     *
     * @param name    the architecture's name
     * @param input   an image shape, 224x224x3 for Keras's ImageNet weights
     * @param classes the classifier's number of classes, positive; unused without the top
     * @param top     whether to end with the classifier or with (pooled) feature maps
     * @return the network, with Keras's layer names
     * @throws org.tribuozoo.dsl.InvalidArchitectureException if the input is too small for the network's five
     *                                                        2x2 max-pools (the message names the first layer
     *                                                        that does not fit), or the class count is not
     *                                                        positive with the top
     */
    public static Architecture vgg16(String name, Shape input, int classes, Top top) {
        GraphBuilder g = Architecture.graph(name);
        Node x = g.input(input);
        int[][] blocks = {{64, 2}, {128, 2}, {256, 3}, {512, 3}, {512, 3}};
        for (int b = 0; b < blocks.length; b++) {
            for (int c = 1; c <= blocks[b][1]; c++) {
                x = Conv2D.filters(blocks[b][0]).kernel(3).padding(Padding.same()).activation(Activation.RELU)
                        .name("block" + (b + 1) + "_conv" + c).apply(x);
            }
            x = MaxPool2D.size(2).strides(2).name("block" + (b + 1) + "_pool").apply(x);
        }
        if (top.includeTop()) {
            x = Flatten.layer().name("flatten").apply(x);
            x = Dense.units(4096).activation(Activation.RELU).name("fc1").apply(x);
            x = Dense.units(4096).activation(Activation.RELU).name("fc2").apply(x);
            x = Dense.units(classes).activation(Activation.SOFTMAX).name("predictions").apply(x);
        } else {
            x = pool(x, top.pooling(), "global_average_pooling2d", "global_max_pooling2d");
        }
        return g.build(x);
    }

    /**
     * ResNet-20 for 32x32 images (ResNet v1 with 3 stages of 3 basic blocks, 16, 32 and 64 filters,
     * a 1x1 projection where the shape changes), as Keras's CIFAR-10 ResNet example builds it:
     * 274,442 parameters (1,376 non-trainable) with 10 classes.
     *
     * @param name    the architecture's name
     * @param input   an image shape, 32x32x3 for CIFAR-10
     * @param classes the number of classes, positive
     * @return the network, with generated layer names
     * @throws org.tribuozoo.dsl.InvalidArchitectureException if the input is too small for the final 8x8
     *                                                        average pool after two halvings (the message names
     *                                                        the layer), or the class count is not positive
     */
    public static Architecture resnet20(String name, Shape input, int classes) {
        GraphBuilder g = Architecture.graph(name);
        Node x = g.input(input);
        x = resnetLayer(x, 16, 3, 1, true, true);
        int filters = 16;
        for (int stage = 0; stage < 3; stage++) {
            for (int block = 0; block < 3; block++) {
                int stride = stage > 0 && block == 0 ? 2 : 1;
                Node y = resnetLayer(x, filters, 3, stride, true, true);
                y = resnetLayer(y, filters, 3, 1, false, true);
                if (stride != 1) {
                    x = resnetLayer(x, filters, 1, stride, false, false);
                }
                x = Add.layer().apply(x, y);
                x = ActivationLayer.of(Activation.RELU).apply(x);
            }
            filters *= 2;
        }
        x = AvgPool2D.size(8).apply(x);
        x = Flatten.layer().apply(x);
        x = Dense.units(classes).activation(Activation.SOFTMAX).kernelInitializer(Initializer.heNormal()).apply(x);
        return g.build(x);
    }

    /** The Keras example's {@code resnet_layer}: a same-padded He-normal convolution, then BN and ReLU if asked. */
    private static Node resnetLayer(Node x, int filters, int kernel, int stride, boolean relu, boolean batchNorm) {
        x = Conv2D.filters(filters).kernel(kernel).strides(stride).padding(Padding.same())
                .kernelInitializer(Initializer.heNormal()).apply(x);
        if (batchNorm) {
            x = BatchNormalization.create().apply(x);
        }
        return relu ? ActivationLayer.of(Activation.RELU).apply(x) : x;
    }

    private static BatchNormalization.Builder bn(String name, double epsilon) {
        return BatchNormalization.create().epsilon(epsilon).name(name);
    }

    private static NamedSpec<ActivationLayer> relu(String name) {
        return ActivationLayer.of(Activation.RELU).name(name);
    }

    private static ReLU.Builder relu6(String name) {
        return ReLU.create().maxValue(6).name(name);
    }

    private static Node pool(Node x, Pooling pooling, String avgName, String maxName) {
        return switch (pooling) {
            case NONE -> x;
            case AVG -> GlobalAveragePooling2D.create().name(avgName).apply(x);
            case MAX -> GlobalMaxPooling2D.create().name(maxName).apply(x);
        };
    }
}
