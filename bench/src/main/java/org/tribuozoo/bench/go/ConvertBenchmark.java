package org.tribuozoo.bench.go;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tribuozoo.go.GoData;
import org.tribuozoo.go.data.ConversionReport;
import org.tribuozoo.go.data.ConvertOptions;
import org.tribuozoo.go.data.PositionReader;
import org.tribuozoo.go.data.Batch;
import org.tribuozoo.go.data.Split;

/**
 * Converts games to shards and reads the training split back, printing the conversion report
 * and the read speed.
 *
 * <pre>bench/run-go.sh ConvertBenchmark OUT_DIR MAX_POSITIONS [inputs...]</pre>
 *
 * MAX_POSITIONS 0 converts everything; inputs default to {@code ../shared/data/go/kgs-6d}.
 */
public final class ConvertBenchmark {

    private ConvertBenchmark() {
    }

    public static void main(String[] args) {
        Path out = Path.of(args[0]);
        long max = Long.parseLong(args[1]);
        List<Path> inputs = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            inputs.add(Path.of(args[i]));
        }
        if (inputs.isEmpty()) {
            inputs.add(Path.of("../shared/data/go/kgs-6d"));
        }
        ConversionReport report = GoData.convert(ConvertOptions.of(inputs, out).withMaxPositions(max).withSeed(1));
        System.out.println(report);
        try (PositionReader reader = GoData.reader(out, Split.TRAIN, PositionReader.Options.training(0, 7))) {
            Batch batch = reader.newBatch(256);
            long t0 = System.nanoTime();
            long n = 0;
            long checksum = 0;
            for (int k = reader.next(batch); k > 0; k = reader.next(batch)) {
                n += k;
                checksum += batch.targets[0];
            }
            double s = (System.nanoTime() - t0) / 1e9;
            System.out.printf("read back %,d train positions as NHWC float batches of 256 with random symmetry: %.1f s, %,.0f positions/s (checksum %d)%n",
                    n, s, n / s, checksum);
        }
    }
}
