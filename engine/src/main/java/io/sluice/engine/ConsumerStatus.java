package io.sluice.engine;

public enum ConsumerStatus {
    CREATING, DELETING, ACTIVE
}
