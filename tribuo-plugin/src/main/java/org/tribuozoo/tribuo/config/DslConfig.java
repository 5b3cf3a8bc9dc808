package org.tribuozoo.tribuo.config;

import com.oracle.labs.mlrg.olcut.config.Configurable;
import com.oracle.labs.mlrg.olcut.config.PropertyException;
import com.oracle.labs.mlrg.olcut.provenance.ConfiguredObjectProvenance;
import com.oracle.labs.mlrg.olcut.provenance.Provenancable;
import com.oracle.labs.mlrg.olcut.provenance.impl.ConfiguredObjectProvenanceImpl;

/**
 * A configurable component that stands for one DSL value.
 *
 * @param <T> the DSL value
 */
public interface DslConfig<T> extends Configurable, Provenancable<ConfiguredObjectProvenance> {

    /**
     * The DSL value.
     *
     * @return the value the component's fields describe, built anew on each call
     * @throws PropertyException naming the field whose value the DSL refuses
     */
    T toDsl();

    /** Checks every field by building the value. */
    @Override
    default void postConfig() {
        toDsl();
    }

    @Override
    default ConfiguredObjectProvenance getProvenance() {
        return new ConfiguredObjectProvenanceImpl(this, getClass().getSimpleName());
    }

    /**
     * Builds a DSL value, turning its refusal (whose message names the hyper-parameter and the value)
     * into a {@link PropertyException}.
     *
     * @param <T>   the DSL value's type
     * @param value builds the value; may throw {@link IllegalArgumentException}
     * @return the value built
     * @throws PropertyException carrying the refusal's message when {@code value} throws
     *                           {@link IllegalArgumentException}
     */
    static <T> T build(java.util.function.Supplier<T> value) {
        try {
            return value.get();
        } catch (IllegalArgumentException e) {
            throw new PropertyException(e, "", "", e.getMessage());
        }
    }
}
