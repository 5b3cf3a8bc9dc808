package org.tribuozoo.cli.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.stream.Collectors;

/**
 * The Markdown table of results: one row per result, grouped by network, each run followed by the
 * others of its network, data and recipe (the same runs with other seeds), and after a group of two
 * or more a summary row with the mean ± sample standard deviation of the test accuracy. The
 * commands follow the table, one per numbered row.
 *
 * @param rows the results, in the order given
 */
record ResultTable(List<ResultRow> rows) {

    private static final String HEADER = "| # | framework | network | data | epochs | batch | optimizer | seed | threads "
            + "| test accuracy | test loss | wrong | training |\n|---|---|---|---|---|---|---|---:|---:|---:|---:|---:|---:|\n";

    ResultTable {
        rows = List.copyOf(rows);
    }

    /**
     * Mean and sample standard deviation (n - 1 in the denominator).
     *
     * @param mean the mean
     * @param sd   the sample standard deviation; NaN for a single value
     */
    record Spread(double mean, double sd) {
        static Spread of(double[] values) {
            double mean = 0;
            for (double v : values) {
                mean += v;
            }
            mean /= values.length;
            double squares = 0;
            for (double v : values) {
                squares += (v - mean) * (v - mean);
            }
            return new Spread(mean, values.length < 2 ? Double.NaN : Math.sqrt(squares / (values.length - 1)));
        }
    }

    /** The groups of results that differ only by seed, ordered by network (first seen first), then by first seen. */
    List<List<ResultRow>> groups() {
        Map<String, Map<String, List<ResultRow>>> byNetwork = new LinkedHashMap<>();
        for (ResultRow r : rows) {
            byNetwork.computeIfAbsent(r.network(), n -> new LinkedHashMap<>())
                    .computeIfAbsent(r.group(), g -> new ArrayList<>()).add(r);
        }
        return byNetwork.values().stream().flatMap(m -> m.values().stream()).toList();
    }

    /**
     * The table, then the commands.
     *
     * @param title a heading above the table; empty for none
     */
    String markdown(String title) {
        StringBuilder table = new StringBuilder();
        if (!title.isEmpty()) {
            table.append("### ").append(title).append("\n\n");
        }
        table.append(HEADER);
        StringBuilder commands = new StringBuilder("```bash\n");
        int number = 0;
        for (List<ResultRow> group : groups()) {
            int first = number + 1;
            for (ResultRow r : group) {
                number++;
                table.append(cells(String.valueOf(number), r.framework(), "`" + r.network() + "`", r.data(), r.epochs(),
                        r.batch(), r.optimizer(), String.valueOf(r.seed()), r.threads(), percent(r.accuracy()),
                        r.testLoss().isPresent() ? String.format(Locale.ROOT, "%.4f", r.testLoss().getAsDouble()) : "",
                        r.tested().isPresent() ? String.format(Locale.ROOT, "%,d of %,d", r.wrong(),
                                r.tested().getAsInt()) : String.format(Locale.ROOT, "%,d", r.wrong()),
                        seconds(r.seconds())));
                commands.append("# ").append(number).append('\n').append(r.command()).append('\n');
            }
            if (group.size() > 1) {
                table.append(summary(first, number, group));
            }
        }
        commands.append("```\n");
        return table.append('\n').append(commands).toString();
    }

    private static String summary(int first, int last, List<ResultRow> group) {
        Spread accuracy = Spread.of(group.stream().mapToDouble(r -> 100 * r.accuracy()).toArray());
        Spread wrong = Spread.of(group.stream().mapToDouble(ResultRow::wrong).toArray());
        OptionalDouble loss = group.stream().allMatch(r -> r.testLoss().isPresent())
                ? OptionalDouble.of(Spread.of(group.stream().mapToDouble(r -> r.testLoss().getAsDouble()).toArray())
                .mean()) : OptionalDouble.empty();
        String seeds = group.stream().map(r -> String.valueOf(r.seed())).collect(Collectors.joining(", "));
        ResultRow any = group.get(0);
        return cells(first + "–" + last, any.framework(), "`" + any.network() + "`",
                "mean of " + group.size() + " seeds", "", "", "", seeds, "",
                String.format(Locale.ROOT, "**%.2f%% ± %.2f** (n = %d)", accuracy.mean(), accuracy.sd(), group.size()),
                loss.isPresent() ? String.format(Locale.ROOT, "%.4f", loss.getAsDouble()) : "",
                String.format(Locale.ROOT, "%.1f", wrong.mean()), "");
    }

    private static String cells(String... cells) {
        StringBuilder sb = new StringBuilder("|");
        for (String c : cells) {
            sb.append(' ').append(c.replace("|", "\\|")).append(" |");
        }
        return sb.append('\n').toString();
    }

    private static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.2f%%", 100 * fraction);
    }

    private static String seconds(OptionalDouble seconds) {
        if (seconds.isEmpty()) {
            return "";
        }
        double s = seconds.getAsDouble();
        return s < 10 ? String.format(Locale.ROOT, "%.1f s", s) : String.format(Locale.ROOT, "%,.0f s", s);
    }
}
