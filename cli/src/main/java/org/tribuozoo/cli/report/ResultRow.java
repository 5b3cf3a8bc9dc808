package org.tribuozoo.cli.report;

import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * One result of the report's table: a {@code zoo train} run folder ({@link RunFolderResult}) or a
 * row of a reference CSV file ({@link ReferenceCsv}), with every figure as the run recorded it.
 *
 * @param framework  what trained it: {@code tf-graph (TensorFlow 2.16.2)}, {@code pytorch-1.13.0}
 * @param network    the network's name
 * @param data       the training and test data with their counts; empty when not known
 * @param epochs     the epochs run, and how early stopping ended them ({@code 13 of 30, stopped; best 3})
 * @param batch      examples per step; empty when not known
 * @param optimizer  the optimizer and its learning rate; empty when not known
 * @param seed       the seed
 * @param threads    the CPU threads; empty when not known
 * @param accuracy   the test accuracy, a fraction
 * @param wrong      the test examples predicted wrongly
 * @param tested     the number of test examples; empty when not known
 * @param testLoss   the mean cross-entropy over the test examples
 * @param seconds    the training time in seconds
 * @param command    the command that reproduces the result
 * @param group      results with equal groups differ only by their seed (the same network, data and recipe)
 */
public record ResultRow(String framework, String network, String data, String epochs, String batch, String optimizer,
                        long seed, String threads, double accuracy, int wrong, OptionalInt tested, OptionalDouble testLoss,
                        OptionalDouble seconds, String command, String group) {

    public ResultRow {
        Objects.requireNonNull(framework, "framework");
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(epochs, "epochs");
        Objects.requireNonNull(batch, "batch");
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(threads, "threads");
        Objects.requireNonNull(testLoss, "testLoss");
        Objects.requireNonNull(seconds, "seconds");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(tested, "tested");
        if (!(accuracy >= 0 && accuracy <= 1)) {
            throw new IllegalArgumentException("test accuracy " + accuracy + " is not between 0 and 1");
        }
        if (wrong < 0 || tested.isPresent() && wrong > tested.getAsInt()) {
            throw new IllegalArgumentException("wrong " + wrong + " of " + tested + " test examples");
        }
    }
}
