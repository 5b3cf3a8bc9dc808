/**
 * The AlphaGo policy network on the go module's positions: streamed training through the one training
 * loop ({@link org.tribuozoo.go.policy.PolicyTrainer}), move-prediction evaluation, averaging over the
 * board's symmetries, positions as Tribuo examples, and their provenance.
 */
package org.tribuozoo.go.policy;
