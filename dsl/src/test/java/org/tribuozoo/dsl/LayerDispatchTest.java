package org.tribuozoo.dsl;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every concrete layer type of the sealed {@link Layer} hierarchy is handled everywhere it must be: the
 * {@link Layer.Visitor} has a case for it and {@code accept} picks that case, the JSON reader knows its
 * type name, and a sample of it survives the JSON round trip byte for byte. (tf-graph and tribuo-plugin
 * build the same samples into a TensorFlow graph and an ONNX model.)
 */
class LayerDispatchTest {

    static Stream<Named<Class<? extends Layer>>> concreteTypes() {
        return LayerSamples.concreteTypes().stream().map(t -> Named.of(t.getSimpleName(), t));
    }

    @Test
    void everyConcreteTypeIsARecord() {
        assertTrue(LayerSamples.concreteTypes().contains(Conv2D.class), "the hierarchy walk finds the layer types");
        for (Class<? extends Layer> type : LayerSamples.concreteTypes()) {
            assertTrue(type.isRecord(), type.getSimpleName() + " should be a record: layers are immutable values");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("concreteTypes")
    void theVisitorHasACaseForTheType(Class<? extends Layer> type) {
        try {
            Layer.Visitor.class.getMethod("visit", type);
        } catch (NoSuchMethodException e) {
            fail("Layer.Visitor has no visit(" + type.getSimpleName() + "): every backend must translate "
                    + type.getSimpleName());
        }
    }

    @Test
    void theVisitorHasNoCaseBeyondTheTypes() {
        Set<Class<?>> visited = Arrays.stream(Layer.Visitor.class.getMethods())
                .map(m -> m.getParameterTypes()[0]).collect(Collectors.toSet());
        assertEquals(Set.copyOf(LayerSamples.concreteTypes()), visited);
    }

    /** {@code accept} of the sample calls exactly the visit method of the sample's own type. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("concreteTypes")
    void acceptCallsTheCaseOfItsOwnType(Class<? extends Layer> type) {
        Layer sample = LayerSamples.layerOf(type);
        // A visitor answering with the parameter type of the method that was called.
        @SuppressWarnings("unchecked")
        Layer.Visitor<Class<?>> whichCase = (Layer.Visitor<Class<?>>) Proxy.newProxyInstance(
                Layer.class.getClassLoader(), new Class<?>[] {Layer.Visitor.class},
                (proxy, method, args) -> {
                    assertSame(sample, args[0], type.getSimpleName() + ".accept must pass the layer itself");
                    return visitParameter(method);
                });
        assertEquals(type, sample.accept(whichCase), type.getSimpleName() + ".accept calls the wrong visit method");
    }

    private static Class<?> visitParameter(Method method) {
        return method.getParameterTypes()[0];
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("concreteTypes")
    void theJsonReaderKnowsTheType(Class<? extends Layer> type) {
        String jsonType = LayerSamples.layerOf(type).jsonType();
        assertTrue(ArchitectureJson.layerTypes().contains(jsonType), "JSON: ArchitectureJson has no reader for "
                + type.getSimpleName() + " (type name '" + jsonType + "')");
    }

    @Test
    void theJsonReaderKnowsNoOtherType() {
        Set<String> jsonTypes = LayerSamples.concreteTypes().stream().map(t -> LayerSamples.layerOf(t).jsonType())
                .collect(Collectors.toSet());
        assertEquals(jsonTypes.size(), LayerSamples.concreteTypes().size(), "JSON type names must be unique");
        assertEquals(jsonTypes, ArchitectureJson.layerTypes());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("concreteTypes")
    void theSampleRoundTripsThroughJson(Class<? extends Layer> type) {
        Architecture sample = LayerSamples.of(type);
        String json = sample.toJson();
        Architecture read = Architecture.fromJson(json);
        assertEquals(sample, read, "JSON round trip of " + type.getSimpleName());
        assertEquals(json, read.toJson(), "JSON of " + type.getSimpleName() + " is not byte-stable");
        assertTrue(json.contains("\"type\" : \"" + LayerSamples.layerOf(type).jsonType() + "\""), json);
    }
}
