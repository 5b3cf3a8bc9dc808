package org.tribuozoo.cli;

import org.junit.jupiter.api.Test;
import org.tribuozoo.graph.EpochResult;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TrainingProgressTest {

    @Test
    void theBarShowsAnEpochsFiguresCompactly() {
        EpochResult withValidation = new EpochResult(1, 1.5083, 0.5087, 0.8857, 0.6375, 0.001, 0.65, 6000);
        assertEquals("loss 1.5083 acc 0.5087 val_loss 0.8857 val_acc 0.6375",
                TrainingProgress.compact(withValidation.toString().substring("epoch 1: ".length())));
        EpochResult without = new EpochResult(2, 0.25, 0.9, Double.NaN, Double.NaN, 0.001, 0, 10);
        assertEquals("loss 0.2500 acc 0.9000", TrainingProgress.compact(without.toString().substring("epoch 2: ".length())));
    }
}
