package io.sluice.engine;

import java.util.Set;

/** Enhanced-monitoring metrics before and after an Enable/DisableEnhancedMonitoring call. */
public record MonitoringChange(Set<String> current, Set<String> desired) {
}
