package io.sluice.mappings.catalog;

import io.sluice.common.Clock;
import io.sluice.engine.store.MetaStore;
import io.sluice.mappings.EventSourceMapping;
import io.sluice.mappings.MappingRuntime;
import io.sluice.mappings.MappingSettings;
import io.sluice.mappings.MappingState;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executor;

/**
 * The control plane of Lambda event source mappings on Kinesis: Create/Get/Update/Delete/ListEventSourceMappings
 * and the mapping's tags, with Lambda's validation, defaults, states and errors. Mappings live in the engine's
 * {@link MetaStore} ({@link MappingCodec}); every check-then-write is an atomic change of the store
 * ({@link AtomicChanges}), so on a store shared by several nodes two nodes racing to create the same
 * function-and-source mapping give one mapping and one ResourceConflictException. Each node follows the store's
 * changes ({@link MappingView}) and tells its {@link MappingRuntime} what to run or stop; transitional states are
 * finished just after the call ({@link Transitions}).
 *
 * <p>Errors are {@link io.sluice.common.ServiceException}s with Lambda's types: ValidationException (a value
 * outside the request model), InvalidParameterValueException, ResourceConflictException (409),
 * ResourceNotFoundException (404), ResourceInUseException, ServiceException (500, storage failed).
 *
 * <p><b>Threading</b>: thread-safe. Calls may block on the metadata store; none holds a lock while waiting for it.
 */
public final class MappingCatalog {

    static final String USER_INITIATED = "USER_INITIATED";
    private static final int DEFAULT_MAX_ITEMS = 100;
    private static final int MAX_ITEMS = 10_000;

    private final MetaStore store;
    private final EventSourceCheck sources;
    private final Clock clock;
    private final AtomicChanges changes;
    private final RuntimeFollower follower;
    private final MappingView view;
    private final Transitions transitions;

    /**
     * Loads the stored mappings. The runtime is told nothing until {@link #resume}.
     *
     * @param work runs the runtime's calls and the finishing step of each change just after the call, one at a
     *             time (a virtual-thread or any multi-thread executor; the caller owns it). A direct executor
     *             finishes inside the call, but then the store's watcher thread calls the runtime itself
     */
    public MappingCatalog(MetaStore store, EventSources sources, MappingRuntime runtime, Executor work,
                          Clock clock) {
        this.store = store;
        this.sources = new EventSourceCheck(sources);
        this.clock = clock;
        this.changes = new AtomicChanges(store);
        SerialQueue queue = new SerialQueue(work);
        this.follower = new RuntimeFollower(runtime, queue);
        this.view = new MappingView(store, follower);
        this.transitions = new Transitions(store, changes, view, runtime, queue);
    }

    /**
     * Starts the runtime on this node's mappings (the server calls it once the task runner runs): runs every
     * enabled mapping and finishes the transitions a crash left behind.
     */
    public void resume() {
        follower.activate(view.all());
        for (EventSourceMapping m : view.all()) {
            if (Transitions.transitional(m.state())) {
                transitions.soon(m.uuid());
            }
        }
    }

    /** CreateEventSourceMapping: answers the new mapping in {@code Creating}. */
    public EventSourceMapping create(String account, String region, MappingRequest request) {
        String functionArn = FunctionNames.expand(account, region, request.functionName());
        EventSourceCheck.shape(request.eventSourceArn());
        MappingSettings settings = MappingRules.settings(request);
        sources.check(account, region, request.eventSourceArn());
        Map<String, String> tags = MappingTags.add(Map.of(), request.tags() == null ? Map.of() : request.tags());
        EventSourceMapping created = new EventSourceMapping(UUID.randomUUID().toString(), account, region,
                functionArn, request.eventSourceArn(), settings, MappingState.CREATING, USER_INITIATED,
                clock.millis(), tags);
        changes.run(() -> {
            refuseDuplicate(created, request.functionName());
            store.put(MappingCodec.key(created.uuid()), MappingCodec.encode(created));
            return null;
        });
        return committed(created);
    }

    /** GetEventSourceMapping. */
    public EventSourceMapping get(String account, String region, String uuid) {
        return existing(account, region, uuid);
    }

    /**
     * UpdateEventSourceMapping: answers the mapping in {@code Updating}, or {@code Enabling}/{@code Disabling}
     * when only Enabled changes.
     */
    public EventSourceMapping update(String account, String region, String uuid, MappingChanges update) {
        existing(account, region, uuid);
        String newFunction = update.functionName() == null ? null
                : FunctionNames.expand(account, region, update.functionName());
        EventSourceMapping updated = changes.run(() -> {
            EventSourceMapping current = stored(account, region, uuid);
            if (Transitions.transitional(current.state())) {
                throw LambdaErrors.inUse("update");
            }
            MappingSettings settings = MappingRules.apply(current.settings(), update);
            String function = newFunction == null ? current.functionArn() : newFunction;
            EventSourceMapping next = new EventSourceMapping(uuid, account, region, function,
                    current.eventSourceArn(), settings, nextState(current, function, settings), USER_INITIATED,
                    clock.millis(), current.tags());
            if (!function.equals(current.functionArn())) {
                refuseDuplicate(next, update.functionName());
            }
            store.put(MappingCodec.key(uuid), MappingCodec.encode(next));
            return next;
        });
        return committed(updated);
    }

    /** DeleteEventSourceMapping: answers the mapping in {@code Deleting}; it is gone once its poller stopped. */
    public EventSourceMapping delete(String account, String region, String uuid) {
        existing(account, region, uuid);
        EventSourceMapping deleting = changes.run(() -> {
            EventSourceMapping current = stored(account, region, uuid);
            if (Transitions.transitional(current.state())) {
                throw LambdaErrors.inUse("delete");
            }
            EventSourceMapping next = withState(current, MappingState.DELETING, current.tags());
            store.put(MappingCodec.key(uuid), MappingCodec.encode(next));
            return next;
        });
        return committed(deleting);
    }

    /**
     * ListEventSourceMappings of the caller's account and region, optionally only those of a function (any of
     * FunctionName's forms) and/or an event source, in pages of {@code maxItems} (1..10,000, default 100).
     */
    public MappingPage list(String account, String region, String functionName, String eventSourceArn,
                            String marker, Integer maxItems) {
        if (maxItems != null && (maxItems < 1 || maxItems > MAX_ITEMS)) {
            throw LambdaErrors.validation(List.of(LambdaErrors.outOfRange(maxItems, "maxItems", 1, MAX_ITEMS,
                    maxItems)));
        }
        int limit = maxItems == null ? DEFAULT_MAX_ITEMS : maxItems;
        String function = functionName == null ? null : FunctionNames.expand(account, region, functionName);
        String after = marker == null || marker.isEmpty() ? null : Markers.open(marker);
        // a mapping created through another node a moment ago is listed
        store.sync().join();
        return MappingListing.page(view.all(), account, region, function, eventSourceArn, after, limit);
    }

    /** TagResource on a mapping's ARN. */
    public void tag(String account, String region, String mappingArn, Map<String, String> tags) {
        String uuid = MappingTags.uuidOf(account, region, mappingArn);
        existing(account, region, uuid);
        committed(changes.run(() -> {
            EventSourceMapping current = stored(account, region, uuid);
            return retag(current, MappingTags.add(current.tags(), tags));
        }));
    }

    /** UntagResource on a mapping's ARN. */
    public void untag(String account, String region, String mappingArn, List<String> keys) {
        String uuid = MappingTags.uuidOf(account, region, mappingArn);
        existing(account, region, uuid);
        committed(changes.run(() -> {
            EventSourceMapping current = stored(account, region, uuid);
            return retag(current, MappingTags.remove(current.tags(), keys));
        }));
    }

    /** ListTags on a mapping's ARN. */
    public Map<String, String> tags(String account, String region, String mappingArn) {
        return existing(account, region, MappingTags.uuidOf(account, region, mappingArn)).tags();
    }

    private EventSourceMapping retag(EventSourceMapping current, Map<String, String> tags) throws IOException {
        EventSourceMapping next = withState(current, current.state(), tags);
        store.put(MappingCodec.key(current.uuid()), MappingCodec.encode(next));
        return next;
    }

    /** Publishes a committed change on this node and finishes its transition just after. */
    private EventSourceMapping committed(EventSourceMapping changed) {
        view.refresh(changed.uuid());
        if (Transitions.transitional(changed.state())) {
            transitions.soon(changed.uuid());
        }
        return changed;
    }

    /** The mapping from this node's view, caught up with the store before answering not found. */
    private EventSourceMapping existing(String account, String region, String uuid) {
        EventSourceMapping m = view.get(uuid);
        if (m == null) {
            store.sync().join();
            m = view.get(uuid);
        }
        if (m == null || !m.account().equals(account) || !m.region().equals(region)) {
            throw LambdaErrors.notFound();
        }
        return m;
    }

    /** The mapping as the store holds it, inside an atomic change. */
    private EventSourceMapping stored(String account, String region, String uuid) {
        String key = MappingCodec.key(uuid);
        byte[] value = store.get(key);
        EventSourceMapping m = value == null ? null : MappingCodec.decode(key, value);
        if (m == null || !m.account().equals(account) || !m.region().equals(region)) {
            throw LambdaErrors.notFound();
        }
        return m;
    }

    /** Inside an atomic change: refuses a second mapping of the same function and source. */
    private void refuseDuplicate(EventSourceMapping mapping, String functionName) {
        for (Map.Entry<String, byte[]> entry : store.entries().entrySet()) {
            if (!MappingCodec.isMappingKey(entry.getKey())) {
                continue;
            }
            EventSourceMapping other = MappingCodec.decode(entry.getKey(), entry.getValue());
            if (!other.uuid().equals(mapping.uuid()) && other.functionArn().equals(mapping.functionArn())
                    && other.eventSourceArn().equals(mapping.eventSourceArn())) {
                throw LambdaErrors.conflict("The event source arn (\" " + mapping.eventSourceArn()
                        + " \") and function (\" " + functionName + " \") provided mapping already exists. Please"
                        + " update or delete the existing mapping with UUID " + other.uuid());
            }
        }
    }

    private static MappingState nextState(EventSourceMapping current, String function, MappingSettings settings) {
        boolean enabledChanged = settings.enabled() != current.settings().enabled();
        boolean onlyEnabled = enabledChanged && function.equals(current.functionArn())
                && withEnabled(settings, current.settings().enabled()).equals(current.settings());
        if (onlyEnabled) {
            return settings.enabled() ? MappingState.ENABLING : MappingState.DISABLING;
        }
        return MappingState.UPDATING;
    }

    private static MappingSettings withEnabled(MappingSettings s, boolean enabled) {
        return new MappingSettings(s.batchSize(), s.maximumBatchingWindowSeconds(), s.startingPosition(),
                s.startingPositionTimestampMillis(), s.parallelizationFactor(), s.bisectBatchOnFunctionError(),
                s.maximumRetryAttempts(), s.maximumRecordAgeSeconds(), s.reportBatchItemFailures(),
                s.tumblingWindowSeconds(), s.filterPatterns(), s.onFailureDestination(), enabled);
    }

    private static EventSourceMapping withState(EventSourceMapping m, MappingState state, Map<String, String> tags) {
        return new EventSourceMapping(m.uuid(), m.account(), m.region(), m.functionArn(), m.eventSourceArn(),
                m.settings(), state, m.stateTransitionReason(), m.lastModifiedMillis(), tags);
    }
}
