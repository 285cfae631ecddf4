package io.sluice.firehose.delivery.redshift;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.firehose.delivery.DeliveryException;
import io.sluice.firehose.delivery.ObjectStore;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The manifests a Redshift destination writes to its intermediate bucket, as AWS lays them out: for a data object
 * {@code <prefix>YYYY/MM/dd/HH/<name>}, the manifest of its load is {@code <prefix>manifests/YYYY/MM/dd/HH/<name>}
 * and, if the load was given up, the same manifest goes to {@code <prefix>errors/manifests/YYYY/MM/dd/HH/<name>}
 * for a manual backfill. A manifest is Redshift's COPY manifest JSON:
 * {@code {"entries":[{"url":"s3://<bucket>/<key>","mandatory":true}]}}. Thread-safe.
 */
final class Manifests {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectStore store;
    private final String bucket;
    private final String prefix;

    /** @param prefix the intermediate S3Configuration's Prefix (static, as AWS requires for Redshift) */
    Manifests(ObjectStore store, String bucket, String prefix) {
        this.store = store;
        this.bucket = bucket;
        this.prefix = prefix == null ? "" : prefix;
    }

    /** Writes the manifest of a load of {@code dataKey}; returns its key. */
    String writeLoad(String dataKey) throws DeliveryException {
        return write("manifests/", dataKey);
    }

    /** Writes the manifest of a load given up, under {@code errors/}; returns its key. */
    String writeSkipped(String dataKey) throws DeliveryException {
        return write("errors/manifests/", dataKey);
    }

    private String write(String folder, String dataKey) throws DeliveryException {
        String rest = dataKey.startsWith(prefix) ? dataKey.substring(prefix.length()) : dataKey;
        String key = prefix + folder + rest;
        ObjectNode manifest = JSON.createObjectNode();
        manifest.putArray("entries").addObject().put("url", "s3://" + bucket + "/" + dataKey).put("mandatory", true);
        try {
            store.put(bucket, key, JSON.writeValueAsString(manifest).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new DeliveryException("S3.PutObjectFailed", "manifest " + key + ": " + e.getMessage(), false);
        }
        return key;
    }
}
