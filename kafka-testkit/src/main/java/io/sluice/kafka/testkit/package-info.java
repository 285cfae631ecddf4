/**
 * A real Apache Kafka broker for tests, started in a child JVM from the Maven artifacts of the Kafka version the
 * project builds against; see {@link io.sluice.kafka.testkit.KafkaBroker}.
 *
 * <p>The broker's own classes ({@code kafka_2.13}, Scala, log4j 2) are an optional dependency of this module: they
 * are on no dependent's classpath, only in the child JVM's, which Maven writes at build time to the resource
 * {@code io/sluice/kafka/testkit/broker.classpath}. Dependents therefore must build this module in the same
 * reactor ({@code -pl <module> -am}).
 */
package io.sluice.kafka.testkit;
