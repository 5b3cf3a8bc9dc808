/**
 * tribuo-zoo as Tribuo sees it: {@link org.tribuozoo.tribuo.ZooTrainer} is a {@code Trainer<Label>}
 * configured with OLCUT, {@link org.tribuozoo.tribuo.ZooModel} a {@code Model<Label>} with protobuf model
 * files and ONNX export, {@link org.tribuozoo.tribuo.ProvenanceJson} writes and reads provenance, and
 * {@link org.tribuozoo.tribuo.Experiment} rebuilds a run from it.
 */
package org.tribuozoo.tribuo;
