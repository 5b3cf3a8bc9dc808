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
 * epochs in every process. A run {@linkplain CompiledNetwork#resume resumed} from a checkpoint asks a
 * new source for a later epoch first, possibly from a chunk within it ({@link #epochFrom}): the source
 * gives exactly the chunks the uninterrupted run had there, replaying its generators to get there
 * (cheap next to training: a shuffle per skipped epoch in memory, a split per epoch for augmentation,
 * the draws of the skipped positions for a stream).
 */
public interface TrainingData {

    /**
     * Examples in a full epoch (for progress displays and the step count of an epoch).
     *
     * @return the number of examples every epoch trains; not negative
     */
    long examplesPerEpoch();

    /**
     * The chunks of one epoch, in training order.
     *
     * @param epoch 1 for the first epoch; called once per epoch, in increasing order, and a resumed
     *              run's first call may be for a later epoch: the chunks are those the epoch has when
     *              every epoch before it is asked for
     * @return the epoch's chunks, in training order; at least one
     */
    Iterator<Chunk> epoch(int epoch);

    /**
     * The chunks of an epoch after its first {@code chunksDone}, for a run resumed from a checkpoint
     * taken within the epoch. By default the epoch's first chunks are made and dropped; a streaming
     * source skips them without making them.
     *
     * @param epoch      as for {@link #epoch(int)}
     * @param chunksDone chunks of the epoch already trained
     * @return the epoch's remaining chunks, in training order
     * @throws IllegalStateException if the epoch has fewer than {@code chunksDone} chunks
     */
    default Iterator<Chunk> epochFrom(int epoch, int chunksDone) {
        Iterator<Chunk> chunks = epoch(epoch);
        for (int i = 0; i < chunksDone; i++) {
            if (!chunks.hasNext()) {
                throw new IllegalStateException("epoch " + epoch + " has " + i + " chunks, not more than "
                        + chunksDone);
            }
            chunks.next();
        }
        return chunks;
    }

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
        /**
         * Checks that there is one target per example and every index names an example.
         *
         * @param images  the chunk's examples
         * @param targets one target row per example
         * @param order   indices in {@code [0, images.count())}; may repeat or leave examples out
         * @param seed    the dropout seed of the chunk's steps
         * @throws NullPointerException     if an array or the examples or targets are null
         * @throws IllegalArgumentException if the counts differ or an index is out of range
         */
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

        /**
         * Every example of a chunk, shuffled by a generator seeded with {@code seed} unless asked not to.
         *
         * @param images  the chunk's examples
         * @param targets one target row per example
         * @param seed    seeds the shuffle and keys the chunk's dropout masks
         * @param shuffle false to train the examples in the order given
         * @return the chunk
         * @throws IllegalArgumentException if the numbers of examples and targets differ
         */
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
     * (which also keys the dropout masks). Asked for a later epoch than the next, it shuffles once per
     * skipped epoch first, so a resumed run gets the order the uninterrupted run had.
     *
     * @param images  the training examples
     * @param targets one target row per example
     * @param seed    seeds the shuffles and keys the dropout masks
     * @param shuffle false to train the examples in the order given, every epoch
     * @return one chunk per epoch, holding every example
     * @throws NullPointerException     if {@code images} or {@code targets} is null
     * @throws IllegalArgumentException if the numbers of examples and targets differ
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
            /** Epochs whose order has been drawn. */
            private int shuffled;

            @Override
            public long examplesPerEpoch() {
                return images.count();
            }

            @Override
            public Iterator<Chunk> epoch(int epoch) {
                if (shuffle) {
                    // The previous epoch's order shuffled again, one stream over the whole run; the
                    // skipped epochs' shuffles first when a resumed run starts later.
                    do {
                        shuffle(order, shuffler);
                        shuffled++;
                    } while (shuffled < epoch);
                }
                return List.of(new Chunk(images, targets, order.clone(), seed)).iterator();
            }
        };
    }

    /**
     * Examples made anew for every epoch (augmented copies), each epoch shuffled by its own generator
     * seeded with {@code seed + epoch}, which also keys that epoch's dropout masks.
     *
     * @param imagesOfEpoch the images of an epoch, as many as there are targets; a function of the epoch
     *                      alone (whatever epochs were asked before), so that a resumed run gets the
     *                      images the uninterrupted run had
     * @param targets       one target row per example, the same every epoch
     * @param seed          the first epoch uses {@code seed + 1}, the next {@code seed + 2}, and so on
     * @param shuffle       false to train each epoch's examples in the order made
     * @return one chunk per epoch, holding that epoch's images
     * @throws NullPointerException if {@code imagesOfEpoch} or {@code targets} is null
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
