package io.sluice.mappings.catalog;

import io.sluice.mappings.EventSourceMapping;
import io.sluice.mappings.MappingRuntime;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link MappingRuntime} that records what it was told: the calls in order and what it runs now. */
final class RecordingRuntime implements MappingRuntime {

    final List<String> calls = new CopyOnWriteArrayList<>();
    final Map<String, EventSourceMapping> running = new ConcurrentHashMap<>();

    @Override
    public void run(EventSourceMapping mapping) {
        calls.add("run " + mapping.uuid());
        running.put(mapping.uuid(), mapping);
    }

    @Override
    public void stop(String uuid) {
        calls.add("stop " + uuid);
        running.remove(uuid);
    }

    @Override
    public void forget(String uuid) {
        calls.add("forget " + uuid);
    }

    @Override
    public String lastProcessingResult(String uuid) {
        return null;
    }

    List<String> callsFor(String uuid) {
        return calls.stream().filter(c -> c.endsWith(" " + uuid)).map(c -> c.substring(0, c.indexOf(' '))).toList();
    }
}
