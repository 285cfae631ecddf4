package io.sluice.firehose.config;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * The configuration of a delivery stream's one destination. Stored as JSON in the metadata store, with a
 * {@code "type"} member naming the kind of destination.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = ExtendedS3Destination.class, name = "ExtendedS3"),
        @JsonSubTypes.Type(value = HttpEndpointDestination.class, name = "HttpEndpoint"),
        @JsonSubTypes.Type(value = RedshiftDestination.class, name = "Redshift"),
        @JsonSubTypes.Type(value = IcebergDestination.class, name = "Iceberg"),
        @JsonSubTypes.Type(value = SearchDestination.class, name = "Search"),
        @JsonSubTypes.Type(value = SplunkDestination.class, name = "Splunk")
})
public sealed interface DestinationConfig permits ExtendedS3Destination, HttpEndpointDestination,
        RedshiftDestination, IcebergDestination, SearchDestination, SplunkDestination {

    BufferingHints bufferingHints();

    Processing processing();
}
