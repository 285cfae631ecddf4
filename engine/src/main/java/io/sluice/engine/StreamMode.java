package io.sluice.engine;

public enum StreamMode {
    PROVISIONED, ON_DEMAND
}
