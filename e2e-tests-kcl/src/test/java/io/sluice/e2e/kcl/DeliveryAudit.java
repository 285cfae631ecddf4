package io.sluice.e2e.kcl;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Compares what a {@link KeyedProducer} wrote with what the record processors received. */
final class DeliveryAudit {

    private final Map<String, Integer> written;
    private final List<Delivery> deliveries;

    DeliveryAudit(Map<String, Integer> written, List<Delivery> deliveries) {
        this.written = written;
        this.deliveries = deliveries;
    }

    /** Records written and acknowledged that no processor received. */
    List<String> missing() {
        Set<String> received = deliveries.stream().map(Delivery::data).collect(Collectors.toSet());
        List<String> missing = new ArrayList<>();
        written.forEach((key, count) -> {
            for (int counter = 0; counter < count; counter++) {
                if (!received.contains(KeyedProducer.data(key, counter))) {
                    missing.add(KeyedProducer.data(key, counter));
                }
            }
        });
        return missing;
    }

    /** Records received that were never acknowledged to the producer. */
    List<String> unexpected() {
        return deliveries.stream().map(Delivery::data).distinct()
                .filter(data -> {
                    String key = data.substring(0, data.lastIndexOf(':'));
                    return KeyedProducer.counterOf(data) >= written.getOrDefault(key, 0);
                })
                .toList();
    }

    /** Records received more than once (at-least-once delivery allows them), with how often each came. */
    Map<String, Long> duplicates() {
        Map<String, Long> times = deliveries.stream()
                .collect(Collectors.groupingBy(Delivery::data, TreeMap::new, Collectors.counting()));
        times.values().removeIf(n -> n == 1);
        return times;
    }

    /** Per key whose first deliveries came out of write order: the counters in the order first received. */
    Map<String, List<Integer>> keysOutOfOrder() {
        Map<String, List<Integer>> firstDeliveries = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        for (Delivery delivery : deliveries) {
            if (seen.add(delivery.data())) {
                firstDeliveries.computeIfAbsent(delivery.partitionKey(), k -> new ArrayList<>())
                        .add(KeyedProducer.counterOf(delivery.data()));
            }
        }
        firstDeliveries.values().removeIf(DeliveryAudit::ascending);
        return firstDeliveries;
    }

    private static boolean ascending(List<Integer> counters) {
        for (int i = 1; i < counters.size(); i++) {
            if (counters.get(i) <= counters.get(i - 1)) {
                return false;
            }
        }
        return true;
    }
}
