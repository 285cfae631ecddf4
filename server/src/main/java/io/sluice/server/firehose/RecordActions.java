package io.sluice.server.firehose;

import io.sluice.common.ErrorType;
import io.sluice.common.ServiceException;
import io.sluice.firehose.DeliveryStreamKey;
import io.sluice.firehose.FirehoseEngine;
import io.sluice.protocol.ResponseWriter;
import io.sluice.protocol.Validator;
import io.sluice.protocol.WireObject;
import io.sluice.server.kinesis.RequestContext;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;

/**
 * PutRecord and PutRecordBatch: the records are durable in the delivery stream's buffer before the answer goes
 * out. Thread-safe.
 */
final class RecordActions {

    /** The model's bound on a record: 1,000 KiB. */
    private static final int MAX_RECORD_BYTES = 1_024_000;
    /** AWS's bound on a whole PutRecordBatch: 4 MiB of data. */
    private static final long MAX_BATCH_BYTES = 4L << 20;

    private final FirehoseEngine engine;

    RecordActions(FirehoseEngine engine) {
        this.engine = engine;
    }

    void putRecord(RequestContext context, WireObject in, ResponseWriter out) {
        String name = in.string("DeliveryStreamName");
        WireObject record = in.object("Record");
        byte[] data = record == null ? null : record.blob("Data");
        Validator v = DeliveryStreamActions.name(new Validator(), name).required("record", record);
        if (record != null) {
            v.required("record.data", data).blobLength("record.data", data, MAX_RECORD_BYTES);
        }
        v.check();
        DeliveryStreamKey key = DeliveryStreamActions.key(context, name);
        List<String> ids = join(engine.put(key, List.of(data)));
        out.string("RecordId", ids.getFirst()).bool("Encrypted", engine.encrypted(key));
    }

    void putRecordBatch(RequestContext context, WireObject in, ResponseWriter out) {
        String name = in.string("DeliveryStreamName");
        List<WireObject> records = in.objects("Records");
        Validator v = DeliveryStreamActions.name(new Validator(), name).required("records", records)
                .size("records", records, 1, 500);
        List<byte[]> data = new ArrayList<>();
        long total = 0;
        for (int i = 0; records != null && i < records.size(); i++) {
            String path = "records." + (i + 1) + ".member.data";
            byte[] bytes = records.get(i).blob("Data");
            v.required(path, bytes).blobLength(path, bytes, MAX_RECORD_BYTES);
            data.add(bytes);
            total += bytes == null ? 0 : bytes.length;
        }
        v.check();
        if (total > MAX_BATCH_BYTES) {
            throw ServiceException.invalidArgument("Records size exceeds 4 MB limit");
        }
        DeliveryStreamKey key = DeliveryStreamActions.key(context, name);
        List<String> ids;
        try {
            ids = join(engine.put(key, data));
        } catch (ServiceException e) {
            if (e.type() != ErrorType.SERVICE_UNAVAILABLE) {
                throw e;
            }
            ids = null;
        }
        out.number("FailedPutCount", ids == null ? data.size() : 0).bool("Encrypted", engine.encrypted(key))
                .startArray("RequestResponses");
        for (int i = 0; i < data.size(); i++) {
            out.startObject();
            if (ids == null) {
                out.string("ErrorCode", "ServiceUnavailableException")
                        .string("ErrorMessage", "Slow down.");
            } else {
                out.string("RecordId", ids.get(i));
            }
            out.endObject();
        }
        out.endArray();
    }


    /** Waits for the buffer; a failed write is ServiceUnavailableException, which clients retry. */
    private static <T> T join(java.util.concurrent.CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            throw new ServiceException(ErrorType.SERVICE_UNAVAILABLE, "The record could not be stored: "
                    + (e.getCause() == null ? e.getMessage() : e.getCause().getMessage()));
        }
    }
}
