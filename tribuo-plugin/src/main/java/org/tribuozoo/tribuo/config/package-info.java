/**
 * The configurable parts of a {@link org.tribuozoo.tribuo.ZooTrainer}, each one small OLCUT
 * component that stands for one value: an optimizer, a learning-rate schedule, a loss, early
 * stopping, augmentation, the image input. They nest in a trainer as Tribuo's own optimisers nest in
 * its SGD trainers, in code, in OLCUT configuration files and in provenance:
 *
 * <pre>{@code
 * <component name="adam" type="org.tribuozoo.tribuo.config.AdamConfig">
 *   <property name="learningRate" value="0.002"/>
 * </component>
 * <component name="trainer" type="org.tribuozoo.tribuo.ZooTrainer">
 *   <property name="model" value="lenet5"/>
 *   <property name="optimizer" value="adam"/>
 * </component>
 * }</pre>
 *
 * <p>A component's fields start at the DSL value's defaults (Keras's); {@code toDsl()} builds the
 * value and so checks every field, naming the culprit.
 */
package org.tribuozoo.tribuo.config;
