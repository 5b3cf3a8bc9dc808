package org.tribuozoo.bench;

import org.tribuo.Example;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuozoo.tribuo.ZooModel;
import org.tribuozoo.tribuo.ZooTrainer;
import org.tribuozoo.tribuo.data.DemoDataSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Predictions per second of one {@link ZooModel} from 1, 2, 4 and 8 threads, one example per call
 * (the case a prediction service has), and of one thread predicting the same examples as one list.
 * Each figure is the best of three rounds.
 *
 * <pre>java -cp bench/target/classes:&lt;the library's classpath&gt; org.tribuozoo.bench.ConcurrentPredictionBenchmark [--net lenet5] [--examples 2000]</pre>
 */
public final class ConcurrentPredictionBenchmark {

    public static void main(String[] args) throws Exception {
        String net = "lenet5";
        int count = 2000;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--net" -> net = args[i + 1];
                case "--examples" -> count = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        List<Example<Label>> examples = new ArrayList<>();
        new DemoDataSource(2, count).forEach(examples::add);
        try (ZooModel model = ZooTrainer.builder(net).epochs(1).seed(1).build()
                .train(new MutableDataset<>(new DemoDataSource(1, 1000)))) {
            System.out.printf(Locale.ROOT, "%s, %,d demo examples, %d cores%n", net, count,
                    Runtime.getRuntime().availableProcessors());
            oneByOne(model, examples, 1); // warm
            double single = 0;
            for (int threads : new int[] {1, 2, 4, 8}) {
                double best = 0;
                for (int round = 0; round < 3; round++) {
                    best = Math.max(best, oneByOne(model, examples, threads));
                }
                single = threads == 1 ? best : single;
                System.out.printf(Locale.ROOT, "%d thread%s, one example per call: %,.0f predictions/s (%.2fx)%n",
                        threads, threads == 1 ? "" : "s", best, best / single);
            }
            double listed = 0;
            for (int round = 0; round < 3; round++) {
                long start = System.nanoTime();
                model.predict(examples);
                listed = Math.max(listed, examples.size() / ((System.nanoTime() - start) / 1e9));
            }
            System.out.printf(Locale.ROOT, "1 thread, the examples as one list: %,.0f predictions/s%n", listed);
        }
    }

    /** Predictions per second with {@code threads} threads each predicting its share one by one. */
    private static double oneByOne(ZooModel model, List<Example<Label>> examples, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            long start = System.nanoTime();
            List<Future<?>> parts = new ArrayList<>();
            int share = examples.size() / threads;
            for (int t = 0; t < threads; t++) {
                List<Example<Label>> part = examples.subList(t * share, (t + 1) * share);
                parts.add(pool.submit(() -> part.forEach(model::predict)));
            }
            for (Future<?> f : parts) {
                f.get();
            }
            return share * threads / ((System.nanoTime() - start) / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }
}
