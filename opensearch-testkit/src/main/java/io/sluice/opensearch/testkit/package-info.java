/**
 * A real OpenSearch node for tests, started in a child JVM from the Maven artifacts of {@code org.opensearch:opensearch}
 * and its {@code transport-netty4} module; see {@link io.sluice.opensearch.testkit.OpenSearchNode}.
 *
 * <p>OpenSearch's own classes are an optional dependency of this module: they are on no dependent's classpath, only
 * in the child JVM's, which Maven writes at build time to the resource
 * {@code io/sluice/opensearch/testkit/node.classpath}. Dependents therefore must build this module in the same
 * reactor ({@code -pl <module> -am}).
 */
package io.sluice.opensearch.testkit;
