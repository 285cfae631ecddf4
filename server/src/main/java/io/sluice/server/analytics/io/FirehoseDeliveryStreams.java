package io.sluice.server.analytics.io;

import io.sluice.analytics.host.DeliveryStreams;
import io.sluice.common.ServiceException;
import io.sluice.firehose.DeliveryStreamKey;
import io.sluice.firehose.DeliveryStreamStatus;
import io.sluice.firehose.DeliveryStreamType;
import io.sluice.firehose.FirehoseEngine;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * This server's delivery streams as analytics applications use them, over {@link FirehoseEngine}: an input taps
 * a stream's accepted records, an output puts records as PutRecordBatch does.
 *
 * <p><b>Threading</b>: thread-safe, as the engine is.
 */
public final class FirehoseDeliveryStreams implements DeliveryStreams {

    private static final Pattern ARN = Pattern.compile("arn:aws[a-z-]*:firehose:([^:]*):(\\d{12}):deliverystream/(.+)");

    private final FirehoseEngine firehose;

    public FirehoseDeliveryStreams(FirehoseEngine firehose) {
        this.firehose = firehose;
    }

    /** The delivery stream an ARN names, or null when it is not a delivery stream ARN. */
    static DeliveryStreamKey key(String arn) {
        Matcher m = arn == null ? null : ARN.matcher(arn);
        return m == null || !m.matches() ? null : new DeliveryStreamKey(m.group(2), m.group(1), m.group(3));
    }

    @Override
    public boolean exists(String deliveryStreamArn) {
        DeliveryStreamKey key = key(deliveryStreamArn);
        if (key == null) {
            return false;
        }
        try {
            return firehose.describe(key).status() != DeliveryStreamStatus.DELETING;
        } catch (ServiceException e) {
            return false;
        }
    }

    @Override
    public boolean takesPuts(String deliveryStreamArn) {
        DeliveryStreamKey key = key(deliveryStreamArn);
        try {
            return key != null && firehose.describe(key).meta().type() == DeliveryStreamType.DirectPut;
        } catch (ServiceException e) {
            return false;
        }
    }

    @Override
    public void put(String deliveryStreamArn, List<byte[]> records) throws IOException {
        DeliveryStreamKey key = key(deliveryStreamArn);
        if (key == null) {
            throw new IOException(deliveryStreamArn + " is not a delivery stream ARN");
        }
        try {
            firehose.put(key, records).join();
        } catch (ServiceException | CompletionException e) {
            throw new IOException("PutRecordBatch to " + deliveryStreamArn + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public AutoCloseable tap(String deliveryStreamArn, Tap tap) {
        return firehose.tap(deliveryStreamArn, tap::accepted);
    }
}
