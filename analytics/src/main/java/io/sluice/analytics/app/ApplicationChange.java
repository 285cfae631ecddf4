package io.sluice.analytics.app;

/**
 * One update operation (UpdateApplication, an Add or Delete of an input, output, reference data source,
 * processing configuration or logging option) as a function of the current definition. It may throw a
 * {@link io.sluice.common.ServiceException} (an id that does not exist, an update that does not fit). Called under
 * the registry's lock: implementations must not block or call the registry.
 */
@FunctionalInterface
public interface ApplicationChange {

    /**
     * @param newVersion the version the change makes: new items take ids {@link ApplicationDefinition#newId}
     */
    ApplicationDefinition apply(ApplicationDefinition current, long newVersion);
}
