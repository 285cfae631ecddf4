package io.sluice.engine;

public enum StreamStatus {
    CREATING, DELETING, ACTIVE, UPDATING
}
