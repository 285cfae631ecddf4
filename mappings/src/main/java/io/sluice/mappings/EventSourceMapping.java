package io.sluice.mappings;

import java.util.Map;
import java.util.Objects;

/**
 * One event source mapping as the catalogue holds it. Immutable.
 *
 * @param uuid                  the mapping's id (a random UUID)
 * @param account               the owning account
 * @param region                the owning region
 * @param functionArn           the function's ARN as Lambda answers it (a name given at create is expanded to
 *                              {@code arn:aws:lambda:<region>:<account>:function:<name>}); a function URL is kept
 *                              as given
 * @param eventSourceArn        a Kinesis stream ARN, or a registered enhanced fan-out consumer ARN
 * @param settings              the mapping's parameters
 * @param state                 its life-cycle state
 * @param stateTransitionReason why it is in that state ({@code USER_INITIATED}, ...)
 * @param lastModifiedMillis    when it was last created or updated
 * @param tags                  its tags
 */
public record EventSourceMapping(String uuid, String account, String region, String functionArn,
                                 String eventSourceArn, MappingSettings settings, MappingState state,
                                 String stateTransitionReason, long lastModifiedMillis, Map<String, String> tags) {

    public EventSourceMapping {
        Objects.requireNonNull(uuid, "uuid");
        Objects.requireNonNull(functionArn, "functionArn");
        Objects.requireNonNull(eventSourceArn, "eventSourceArn");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(state, "state");
        tags = Map.copyOf(tags);
    }

    /** {@code arn:aws:lambda:<region>:<account>:event-source-mapping:<uuid>}, the ARN tags are addressed by. */
    public String arn() {
        return "arn:aws:lambda:" + region + ":" + account + ":event-source-mapping:" + uuid;
    }
}
