package org.tribuozoo.tribuo.config;

import org.tribuozoo.dsl.training.Optimizer;

/** An optimizer as a configurable component: {@link SgdConfig}, {@link AdamConfig}, {@link RmsPropConfig}, {@link AdaGradConfig}. */
public interface OptimizerConfig extends DslConfig<Optimizer> {

    /**
     * The component for an optimizer value, with every hyper-parameter of the value.
     *
     * @param optimizer an SGD, Adam, RMSProp or AdaGrad value
     * @return the matching component, whose {@link #toDsl()} gives back an equal value
     * @throws IllegalArgumentException if the optimizer is of another kind
     */
    static OptimizerConfig of(Optimizer optimizer) {
        // The one place that maps an optimizer record to its component.
        if (optimizer instanceof Optimizer.Sgd s) {
            return new SgdConfig(s);
        } else if (optimizer instanceof Optimizer.Adam a) {
            return new AdamConfig(a);
        } else if (optimizer instanceof Optimizer.RmsProp r) {
            return new RmsPropConfig(r);
        } else if (optimizer instanceof Optimizer.AdaGrad g) {
            return new AdaGradConfig(g);
        }
        throw new IllegalArgumentException("no configuration component for optimizer " + optimizer);
    }
}
