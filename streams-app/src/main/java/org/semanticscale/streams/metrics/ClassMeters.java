package org.semanticscale.streams.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * The per-class gauges of one view and one stage, for a chosen set of classes that changes: {@link #show} registers
 * the gauges of classes that joined the set and removes those of classes that left it, so Prometheus stops seeing a
 * class's series rather than keeping its last value. Each gauge reads a field of the class's figures object.
 *
 * @param <F> a class's figures (volatile fields the gauges read)
 */
final class ClassMeters<F> {
    /** One gauge of every shown class: Prometheus name without the ssi_ prefix, what it reads, its description. */
    record Spec<F>(String name, ToDoubleFunction<F> value, String description) {}

    private final String view;
    private final List<Spec<F>> specs;
    private final Map<String, List<Meter>> shown = new HashMap<>();

    ClassMeters(String view, List<Spec<F>> specs) {
        this.view = view;
        this.specs = List.copyOf(specs);
    }

    /** Shows exactly the given classes: registers the newcomers' gauges, removes the leavers'. */
    synchronized void show(MeterRegistry registry, Map<String, F> chosen) {
        Set<String> leaving = new HashSet<>(shown.keySet());
        leaving.removeAll(chosen.keySet());
        hide(registry, leaving);
        chosen.forEach((label, figures) -> shown.computeIfAbsent(label, l -> register(registry, l, figures)));
    }

    /** Shows the first {@code limit} candidates in this order (the others' gauges go). */
    void showFirst(
            MeterRegistry registry, Map<String, F> candidates, Comparator<Map.Entry<String, F>> order, int limit) {
        Map<String, F> chosen = new LinkedHashMap<>();
        candidates.entrySet().stream().sorted(order).limit(limit).forEach(e -> chosen.put(e.getKey(), e.getValue()));
        show(registry, chosen);
    }

    /** Removes the gauges of these classes (those not shown are ignored). */
    synchronized void hide(MeterRegistry registry, Collection<String> labels) {
        for (String label : labels) {
            List<Meter> meters = shown.remove(label);
            if (meters != null) {
                meters.forEach(registry::remove);
            }
        }
    }

    synchronized void hideAll(MeterRegistry registry) {
        hide(registry, new ArrayList<>(shown.keySet()));
    }

    synchronized int size() {
        return shown.size();
    }

    synchronized Set<String> shown() {
        return Set.copyOf(shown.keySet());
    }

    private List<Meter> register(MeterRegistry registry, String label, F figures) {
        List<Meter> meters = new ArrayList<>(specs.size());
        for (Spec<F> s : specs) {
            meters.add(Gauge.builder(s.name(), figures, s.value())
                    .description(s.description())
                    .tag("view", view)
                    .tag("class", label)
                    .register(registry));
        }
        return meters;
    }
}
