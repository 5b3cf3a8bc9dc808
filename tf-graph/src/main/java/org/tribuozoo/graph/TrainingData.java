package org.tribuozoo.graph;

import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.IntFunction;

/**
 * The training examples of each epoch in the order they are trained: held in memory, or streamed in
 * chunks for data that do not fit (the Go positions). The {@linkplain CompiledNetwork#fit training
 * loop} asks for one epoch at a time and trains each chunk's examples in the chunk's order.
 *
 * <p>Every random choice a source makes comes from its seed, so the same source gives the same
 * epochs in every process.
 */
public interface TrainingData {

    /** Examples in a full epoch (for progress displays and the step count of an epoch). */
    long examplesPerEpoch();

    /**
     * The chunks of one epoch, in training order.
     *
     * @param epoch 1 for the first epoch; called once per epoch, in increasing order
     */
    Iterator<Chunk> epoch(int epoch);

    /**
     * Examples trained together: {@code order} lists indices into {@code images}, batch after batch,
     * and the chunk's seed keys its dropout masks (with the step number).
     *
     * @param images  the chunk's examples
     * @param targets one target row per example
     * @param order   the indices of the examples to train, in training order
     * @param seed    the dropout seed of the chunk's steps
     */
    record Chunk(Images images, Targets targets, int[] order, long seed) {
        public Chunk {
            Objects.requireNonNull(images, "images");
            Objects.requireNonNull(targets, "targets");
            Objects.requireNonNull(order, "order");
            if (images.count() != targets.count()) {
                throw new IllegalArgumentException("a chunk has " + images.count() + " examples but "
                        + targets.count() + " targets");
            }
            for (int i : order) {
                if (i < 0 || i >= images.count()) {
                    throw new IllegalArgumentException("chunk index " + i + " outside its " + images.count()
                            + " examples");
                }
            }
        }

        /** Every example of a chunk, shuffled by a generator seeded with {@code seed} unless asked not to. */
        public static Chunk of(Images images, Targets targets, long seed, boolean shuffle) {
            int[] order = identity(images.count());
            if (shuffle) {
                shuffle(order, new SplittableRandom(seed));
            }
            return new Chunk(images, targets, order, seed);
        }
    }

    /**
     * Examples held in memory, reshuffled before every epoch by one generator seeded with {@code seed}
     * (which also keys the dropout masks).
     */
    static TrainingData inMemory(Images images, Targets targets, long seed, boolean shuffle) {
        Objects.requireNonNull(images, "images");
        Objects.requireNonNull(targets, "targets");
        if (images.count() != targets.count()) {
            throw new IllegalArgumentException("training data have " + images.count() + " examples but "
                    + targets.count() + " targets");
        }
        SplittableRandom shuffler = new SplittableRandom(seed);
        int[] order = identity(images.count());
        return new TrainingData() {
            @Override
            public long examplesPerEpoch() {
                return images.count();
            }

            @Override
            public Iterator<Chunk> epoch(int epoch) {
                if (shuffle) {
                    // The previous epoch's order shuffled again: one stream over the whole run.
                    shuffle(order, shuffler);
                }
                return List.of(new Chunk(images, targets, order.clone(), seed)).iterator();
            }
        };
    }

    /**
     * Examples made anew for every epoch (augmented copies), each epoch shuffled by its own generator
     * seeded with {@code seed + epoch}, which also keys that epoch's dropout masks.
     *
     * @param imagesOfEpoch the images of an epoch, as many as there are targets
     */
    static TrainingData perEpoch(IntFunction<Images> imagesOfEpoch, Targets targets, long seed, boolean shuffle) {
        Objects.requireNonNull(imagesOfEpoch, "imagesOfEpoch");
        Objects.requireNonNull(targets, "targets");
        return new TrainingData() {
            @Override
            public long examplesPerEpoch() {
                return targets.count();
            }

            @Override
            public Iterator<Chunk> epoch(int epoch) {
                return List.of(Chunk.of(imagesOfEpoch.apply(epoch), targets, seed + epoch, shuffle)).iterator();
            }
        };
    }

    private static int[] identity(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        return order;
    }

    /** Fisher-Yates with the caller's generator, so the order depends on the seed alone. */
    private static void shuffle(int[] order, SplittableRandom random) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }
}
