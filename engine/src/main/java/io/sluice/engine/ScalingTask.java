package io.sluice.engine;

import io.sluice.common.Clock;
import io.sluice.common.ServiceException;
import io.sluice.engine.task.Task;
import io.sluice.engine.task.TaskId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * On-demand scaling: at each step, asks the {@link OnDemandScaler} what every ACTIVE ON_DEMAND stream needs and
 * applies it as one reshard. Reads only the injected clock. Nothing to checkpoint: the scaler's cool-downs are
 * in memory, and after a restart the first check simply looks at the last minute's load again.
 *
 * <p>Threading: {@link #doWork} from the task's thread only; the scaler is confined to it.
 */
final class ScalingTask implements Task {

    static final TaskId ID = new TaskId("kinesis-scaling", Maintenance.ALL_STREAMS);
    private static final Logger LOG = LoggerFactory.getLogger(ScalingTask.class);

    private final StreamRegistry streams;
    private final Resharding resharding;
    private final Clock clock;
    private final OnDemandScaler scaler = new OnDemandScaler();

    ScalingTask(StreamRegistry streams, Resharding resharding, Clock clock) {
        this.streams = streams;
        this.resharding = resharding;
        this.clock = clock;
    }

    @Override
    public TaskId id() {
        return ID;
    }

    /** @return how many streams it resharded */
    @Override
    public int doWork() {
        long now = clock.millis();
        int scaled = 0;
        Set<StreamKey> live = new HashSet<>();
        for (OpenStream stream : streams.snapshot()) {
            live.add(stream.meta().key());
            if (stream.meta().mode() == StreamMode.ON_DEMAND && stream.meta().status(now) == StreamStatus.ACTIVE
                    && scale(stream, now)) {
                scaled++;
            }
        }
        scaler.retain(live);
        return scaled;
    }

    private boolean scale(OpenStream stream, long now) {
        List<OnDemandScaler.Step> steps = scaler.plan(stream, now);
        if (steps.isEmpty()) {
            return false;
        }
        StreamKey key = stream.meta().key();
        LOG.info("on-demand scaling of {}: {} step(s)", key.name(), steps.size());
        try {
            resharding.apply(key, (meta, at) -> plan(meta, steps, at), Resharding.Origin.SCALER);
            return true;
        } catch (ServiceException e) {
            LOG.warn("on-demand scaling of {} refused: {}", key.name(), e.getMessage());
            return false;
        }
    }

    /** The scaler's steps as one reshard: each planned on the result of the ones before. */
    private static Resharder.Plan plan(StreamMeta meta, List<OnDemandScaler.Step> steps, long at) {
        StreamMeta current = meta;
        Resharder.Plan plan = null;
        List<Integer> closed = new ArrayList<>();
        for (OnDemandScaler.Step step : steps) {
            plan = step.splitKey() != null
                    ? Resharder.split(current, step.shard().id().toString(), step.splitKey(), at)
                    : Resharder.merge(current, step.shard().id().toString(), step.adjacent().id().toString(), at);
            closed.addAll(plan.closedShards());
            current = current.toBuilder().shards(plan.shards(), plan.nextShardIndex()).build();
        }
        return new Resharder.Plan(plan.shards(), plan.nextShardIndex(), closed);
    }
}
