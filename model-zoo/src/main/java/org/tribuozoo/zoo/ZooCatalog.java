package org.tribuozoo.zoo;

import org.tribuozoo.dsl.Architecture;
import org.tribuozoo.dsl.training.Optimizer;
import org.tribuozoo.dsl.training.TrainingRecipe;

import java.util.List;
import java.util.Locale;

/** Human-readable listings of the zoo: the one-line-per-entry list and the Markdown table of docs/zoo.md. */
public final class ZooCatalog {
    private ZooCatalog() {
    }

    /**
     * One line per entry: name, input shape, parameter count, description; columns aligned.
     *
     * @param entries the entries, in the order listed (for example {@link ModelZoo#entries()})
     * @return the lines, each ending with the platform's line separator; empty for no entries
     */
    public static String list(List<ZooEntry> entries) {
        int nameWidth = entries.stream().mapToInt(e -> e.name().length()).max().orElse(4);
        StringBuilder sb = new StringBuilder();
        for (ZooEntry e : entries) {
            sb.append(String.format(Locale.ROOT, "%-" + nameWidth + "s  %-8s  %,12d params  %s%n", e.name(),
                    e.input().compact(), e.parameterCount(), e.description()));
        }
        return sb.toString();
    }

    /**
     * A one-line description of a training recipe, for example
     * {@code adam lr 0.001, categorical_crossentropy, batch 128, 30 epochs}.
     *
     * @param r the recipe
     * @return the description: optimizer, schedule (unless constant), loss, batch size, epochs, and the
     *         validation split and early stopping where the recipe has them
     */
    public static String describe(TrainingRecipe r) {
        StringBuilder sb = new StringBuilder(describe(r.optimizer()));
        if (!(r.schedule() instanceof org.tribuozoo.dsl.training.LearningRateSchedule.Constant)) {
            sb.append(" (").append(r.schedule()).append(')');
        }
        sb.append(", ").append(r.loss().configName()).append(", batch ").append(r.batchSize()).append(", ")
                .append(r.epochs()).append(r.epochs() == 1 ? " epoch" : " epochs");
        if (r.validationSplit() > 0) {
            sb.append(", validation split ").append(r.validationSplit());
        }
        r.earlyStopping().ifPresent(es -> sb.append(", early stopping on ").append(es.monitor().configName())
                .append(" patience ").append(es.patience()));
        return sb.toString();
    }

    /**
     * The optimizer and its settings in one short phrase, as {@code zoo summary} and {@code zoo report} print them.
     *
     * @param o the optimizer
     * @return its name and the settings that differ from zero, e.g. {@code adam lr 0.001} or
     *         {@code sgd lr 0.01, momentum 0.9}
     */
    public static String describe(Optimizer o) {
        String lr = "lr " + num(o.learningRate());
        if (o instanceof Optimizer.Sgd s) {
            return "sgd " + lr + (s.momentum() > 0 ? ", momentum " + num(s.momentum()) : "")
                    + (s.nesterov() ? ", nesterov" : "") + (s.decay() > 0 ? ", decay " + num(s.decay()) : "");
        } else if (o instanceof Optimizer.RmsProp r) {
            return "rmsprop " + lr + ", rho " + num(r.rho()) + (r.momentum() > 0 ? ", momentum " + num(r.momentum()) : "");
        }
        return o.configName() + " " + lr;
    }

    private static String num(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d) : String.valueOf(d);
    }

    /**
     * The Markdown table of docs/zoo.md, generated from the zoo so that the two cannot drift apart.
     *
     * @param entries the entries, one row each, in this order
     * @return the table with its header, each line ending with {@code \n}
     */
    public static String markdownTable(List<ZooEntry> entries) {
        StringBuilder sb = new StringBuilder();
        sb.append("| name | input | classes | params | layers | reference recipe | reference result |\n");
        sb.append("|---|---|---|---:|---|---|---|\n");
        for (ZooEntry e : entries) {
            Architecture a = e.architecture();
            sb.append("| `").append(e.name()).append("` | ").append(e.input().compact()).append(" | ")
                    .append(e.classes()).append(" | ").append(String.format(Locale.ROOT, "%,d", a.parameterCount()))
                    .append(" | ").append(a.layers().size()).append(" | ").append(describe(e.recipe())).append(" | ")
                    .append(e.reference().map(ReferenceResult::toString).orElse("(none given)")).append(" |\n");
        }
        return sb.toString();
    }
}
