package org.tribuozoo.dsl;

/** A layer builder whose only optional setting is the layer's name. */
public interface NamedSpec<L extends Layer> extends LayerSpec {

    /** The same layer under a chosen name. */
    NamedSpec<L> name(String name);

    @Override
    L build(String name);
}
