/**
 * The named networks with their reference recipes and results, looked up by name through
 * {@link org.tribuozoo.zoo.ModelZoo}; other jars add entries with a {@link org.tribuozoo.zoo.ZooProvider}
 * found by {@link java.util.ServiceLoader}.
 */
package org.tribuozoo.zoo;
