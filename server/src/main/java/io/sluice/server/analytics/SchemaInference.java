package io.sluice.server.analytics;

import java.util.List;

/**
 * Infers a source schema from sample records, as DiscoverInputSchema does: the seam through which the service
 * reaches the analytics module's schema discovery. Implementations answer
 * {@code UnableToDetectSchemaException} (a {@link io.sluice.common.ServiceException}) when no schema fits, and are
 * thread-safe.
 */
@FunctionalInterface
public interface SchemaInference {

    /** @param records the sample records, raw, in the order they were read (at least one) */
    InferredSchema infer(List<byte[]> records);
}
