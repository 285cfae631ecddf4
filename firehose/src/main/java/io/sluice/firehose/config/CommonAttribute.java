package io.sluice.firehose.config;

/** One of the CommonAttributes an HTTP endpoint destination sends with every request. */
public record CommonAttribute(String name, String value) {
}
