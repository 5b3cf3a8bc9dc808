/**
 * Positions on disk: games converted into bit-packed shards split by game, read back as batches with
 * the board's eight symmetries.
 */
package org.tribuozoo.go.data;
