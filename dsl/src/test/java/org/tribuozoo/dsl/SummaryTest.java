package org.tribuozoo.dsl;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tribuozoo.dsl.Activation.RELU;
import static org.tribuozoo.dsl.Activation.SOFTMAX;

class SummaryTest {

    static Architecture lenet5() {
        return Architecture.builder("lenet5")
                .input(28, 28, 1)
                .add(Conv2D.filters(6).kernel(5).padding(Padding.same()).activation(RELU))
                .add(MaxPool2D.size(2))
                .add(Conv2D.filters(16).kernel(5).activation(RELU))
                .add(MaxPool2D.size(2))
                .add(Conv2D.filters(120).kernel(5).activation(RELU))
                .add(Flatten.layer())
                .add(Dense.units(84).activation(RELU))
                .add(Dense.units(10).activation(SOFTMAX))
                .build();
    }

    @Test
    void lenet5SummaryShowsEachLayerAndTheTotals() {
        String s = lenet5().summary();
        String[] lines = s.split("\n");
        assertEquals("Model: \"lenet5\"", lines[0]);
        assertTrue(s.contains(" conv2d_1 (Conv2D)"), s);
        assertTrue(s.matches("(?s).*conv2d_1 \\(Conv2D\\)\\s+\\(None, 28, 28, 6\\)\\s+156\n.*"), s);
        assertTrue(s.matches("(?s).*dense_1 \\(Dense\\)\\s+\\(None, 84\\)\\s+10,164\n.*"), s);
        assertTrue(s.matches("(?s).*flatten_1 \\(Flatten\\)\\s+\\(None, 120\\)\\s+0\n.*"), s);
        assertEquals("Total params: 61,706", lines[lines.length - 3]);
        assertEquals("Trainable params: 61,706", lines[lines.length - 2]);
        assertEquals("Non-trainable params: 0", lines[lines.length - 1]);
    }

    /** The sequential table, byte for byte as before graphs (Keras's sequential layout, no input row). */
    @Test
    void lenet5SummaryIsUnchanged() {
        assertEquals("""
                Model: "lenet5"
                _________________________________________________________________
                 Layer (type)                    Output Shape        Param #
                =================================================================
                 conv2d_1 (Conv2D)               (None, 28, 28, 6)   156
                 max_pooling2d_1 (MaxPooling2D)  (None, 14, 14, 6)   0
                 conv2d_2 (Conv2D)               (None, 10, 10, 16)  2,416
                 max_pooling2d_2 (MaxPooling2D)  (None, 5, 5, 16)    0
                 conv2d_3 (Conv2D)               (None, 1, 1, 120)   48,120
                 flatten_1 (Flatten)             (None, 120)         0
                 dense_1 (Dense)                 (None, 84)          10,164
                 dense_2 (Dense)                 (None, 10)          850
                =================================================================
                Total params: 61,706
                Trainable params: 61,706
                Non-trainable params: 0
                """, lenet5().summary());
    }

    /**
     * What Keras 2 ({@code tf.keras} 2.9 to 2.15) prints for the same model built with Keras's functional
     * API and the same layer names, written out from Keras's {@code print_summary} layout: line length 98,
     * columns at 32, 53 and 65, a blank line after each row, the connections broken after each comma.
     * Trailing spaces are left out.
     */
    private static final String KERAS_TINY_RESNET = """
            Model: "tiny_resnet"
            __________________________________________________________________________________________________
             Layer (type)                   Output Shape         Param #     Connected to
            ==================================================================================================
             input_1 (InputLayer)           [(None, 8, 8, 3)]    0           []

             conv2d_1 (Conv2D)              (None, 8, 8, 4)      112         ['input_1[0][0]']

             conv2d_2 (Conv2D)              (None, 8, 8, 4)      148         ['conv2d_1[0][0]']

             add_1 (Add)                    (None, 8, 8, 4)      0           ['conv2d_2[0][0]',
                                                                              'conv2d_1[0][0]']

             activation_1 (Activation)      (None, 8, 8, 4)      0           ['add_1[0][0]']

             flatten_1 (Flatten)            (None, 256)          0           ['activation_1[0][0]']

             dense_1 (Dense)                (None, 10)           2570        ['flatten_1[0][0]']

            ==================================================================================================
            Total params: 2,830
            Trainable params: 2,830
            Non-trainable params: 0
            __________________________________________________________________________________________________
            """;

    /** Ours: the same rows and cells, with columns as wide as their contents as in the sequential table. */
    @Test
    void aResidualNetworkGetsKerasConnectedToColumn() {
        String ours = GraphArchitectureTest.tinyResnet().summary();
        assertEquals("""
                Model: "tiny_resnet"
                __________________________________________________________________________________________________
                 Layer (type)               Output Shape       Param #  Connected to
                ==================================================================================================
                 input_1 (InputLayer)       [(None, 8, 8, 3)]  0        []
                 conv2d_1 (Conv2D)          (None, 8, 8, 4)    112      ['input_1[0][0]']
                 conv2d_2 (Conv2D)          (None, 8, 8, 4)    148      ['conv2d_1[0][0]']
                 add_1 (Add)                (None, 8, 8, 4)    0        ['conv2d_2[0][0]',
                                                                         'conv2d_1[0][0]']
                 activation_1 (Activation)  (None, 8, 8, 4)    0        ['add_1[0][0]']
                 flatten_1 (Flatten)        (None, 256)        0        ['activation_1[0][0]']
                 dense_1 (Dense)            (None, 10)         2,570    ['flatten_1[0][0]']
                ==================================================================================================
                Total params: 2,830
                Trainable params: 2,830
                Non-trainable params: 0
                """, ours);
        assertEquals(cells(KERAS_TINY_RESNET), cells(ours));
    }

    /**
     * The table as lines of cells: blank lines and the closing rule dropped, cells split where two or more
     * spaces separate them, thousands separators removed (Keras prints a layer's count without them).
     */
    private static java.util.List<java.util.List<String>> cells(String summary) {
        java.util.List<java.util.List<String>> rows = new java.util.ArrayList<>();
        String[] lines = summary.split("\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || (i == lines.length - 1 && line.matches("_+"))) {
                continue;
            }
            boolean total = line.contains("params: ");
            rows.add(java.util.List.of((total ? line : line.replaceAll("(\\d),(\\d)", "$1$2")).split(" {2,}")));
        }
        return rows;
    }

    @Test
    void frozenLayersCountAsNonTrainableAsInKeras() {
        String s = GraphArchitectureTest.tinyResnet().withFrozen(java.util.List.of("conv2d_1")).summary();
        assertTrue(s.contains(" conv2d_1 (Conv2D) [frozen]  (None, 8, 8, 4)"), s);
        assertTrue(s.endsWith("Total params: 2,830\nTrainable params: 2,718\nNon-trainable params: 112\n"), s);
    }

    @Test
    void thousandsSeparators() {
        assertEquals("3,156,098", ArchitectureSummary.thousands(3_156_098));
        assertEquals("0", ArchitectureSummary.thousands(0));
        assertEquals("999", ArchitectureSummary.thousands(999));
    }
}
