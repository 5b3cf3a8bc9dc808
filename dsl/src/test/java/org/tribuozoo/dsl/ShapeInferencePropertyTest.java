package org.tribuozoo.dsl;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Over random valid stacks, inferred shapes agree with the closed-form output-size formula. */
class ShapeInferencePropertyTest {

    record Window(int kernel, int stride, int pad, boolean same, boolean pool) {
    }

    @Provide
    Arbitrary<List<Window>> stacks() {
        Arbitrary<Window> w = Combinators.combine(Arbitraries.integers().between(1, 5), Arbitraries.integers().between(1, 3),
                Arbitraries.integers().between(0, 2), Arbitraries.of(true, false), Arbitraries.of(true, false))
                .as(Window::new);
        return w.list().ofMinSize(1).ofMaxSize(5);
    }

    @Property(tries = 300)
    void inferredShapesMatchTheFormula(@ForAll("stacks") List<Window> windows,
                                       @ForAll("sizes") int size) {
        Architecture.Builder b = Architecture.builder("random").input(size, size + 1, 2);
        int h = size;
        int w = size + 1;
        int channels = 2;
        for (Window win : windows) {
            int outH;
            int outW;
            if (win.same()) {
                outH = (h + win.stride() - 1) / win.stride();
                outW = (w + win.stride() - 1) / win.stride();
            } else {
                int pad = win.pool() ? 0 : win.pad();
                outH = (h + 2 * pad - win.kernel()) / win.stride() + 1;
                outW = (w + 2 * pad - win.kernel()) / win.stride() + 1;
                if (h + 2 * pad < win.kernel() || w + 2 * pad < win.kernel()) {
                    return; // the stack stops being valid here; the invalid case is covered elsewhere
                }
            }
            Padding padding = win.same() ? Padding.same() : win.pool() ? Padding.valid() : Padding.explicit(win.pad());
            if (win.pool()) {
                b.add(MaxPool2D.size(win.kernel()).strides(win.stride()).padding(padding));
            } else {
                channels = win.kernel() + 1;
                b.add(Conv2D.filters(channels).kernel(win.kernel()).strides(win.stride()).padding(padding));
            }
            h = outH;
            w = outW;
            assertEquals(Shape.of(h, w, channels), b.build().outputShape());
        }
    }

    @Provide
    Arbitrary<Integer> sizes() {
        return Arbitraries.integers().between(1, 40);
    }
}
