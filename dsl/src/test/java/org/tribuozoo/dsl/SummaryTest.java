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

    @Test
    void thousandsSeparators() {
        assertEquals("3,156,098", ArchitectureSummary.thousands(3_156_098));
        assertEquals("0", ArchitectureSummary.thousands(0));
        assertEquals("999", ArchitectureSummary.thousands(999));
    }
}
