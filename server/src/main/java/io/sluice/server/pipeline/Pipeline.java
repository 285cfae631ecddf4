package io.sluice.server.pipeline;

import io.micrometer.core.instrument.MeterRegistry;
import io.sluice.engine.limits.ControlPlaneLimiter;
import io.sluice.protocol.sigv4.SigV4Verifier;
import io.sluice.server.auth.AuditLog;
import io.sluice.server.auth.Authorizer;
import io.sluice.server.auth.CredentialsFile;

import java.util.ArrayList;
import java.util.List;

/**
 * The request pipeline every API is served through: the server's security settings, audit log, call limiter and
 * meter registry, shared by all APIs. {@link #wrap} puts an API behind every stage; that is the only way to make
 * an {@link ApiPipeline}, and the router serves nothing else. Registering a new API (Kinesis Analytics, Lambda,
 * Glue) is: implement {@link Api} with its {@link ApiDefinition}, then {@code pipeline.wrap(api)}. Thread-safe.
 */
public final class Pipeline {

    private final Authentication authentication;
    private final Authorizer authorizer;
    private final AuditLog audit;
    private final ControlPlaneLimiter limiter;
    private final MeterRegistry registry;

    private Pipeline(Authentication authentication, Authorizer authorizer, AuditLog audit,
                     ControlPlaneLimiter limiter, MeterRegistry registry) {
        this.authentication = authentication;
        this.authorizer = authorizer;
        this.audit = audit;
        this.limiter = limiter;
        this.registry = registry;
    }

    /**
     * A pipeline that checks signatures against the credentials file and authorizes with its users' policies and
     * the resources' policies.
     *
     * @param audit null: no audit log
     */
    public static Pipeline secured(CredentialsFile credentials, SigV4Verifier verifier, Authorizer authorizer,
                                   AuditLog audit, ControlPlaneLimiter limiter, MeterRegistry registry) {
        return new Pipeline(new Authentication(verifier, credentials, authorizer, false), authorizer, audit,
                limiter, registry);
    }

    /**
     * A pipeline that trusts every signature (local development on loopback only).
     *
     * @param allowUnsigned whether requests without any signature are served too
     * @param audit         null: no audit log
     */
    public static Pipeline open(boolean allowUnsigned, AuditLog audit, ControlPlaneLimiter limiter,
                                MeterRegistry registry) {
        return new Pipeline(new Authentication(null, null, null, allowUnsigned), null, audit, limiter, registry);
    }

    /** The API behind every stage. */
    public ApiPipeline wrap(Api api) {
        List<Stage> stages = new ArrayList<>();
        if (audit != null) {
            stages.add(new Auditing(audit));
        }
        stages.add(authentication);
        stages.add(new Decoding(api));
        if (authorizer != null) {
            stages.add(new Authorization(api, authorizer));
        }
        stages.add(new RateLimiting(api, limiter));
        stages.add(new Metering(api, registry));
        return new ApiPipeline(api, stages);
    }
}
