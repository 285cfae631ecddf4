package io.sluice.server.console;

import io.sluice.common.ErrorType;
import io.sluice.common.ServiceException;
import io.sluice.firehose.DeliveryStreamKey;
import io.sluice.firehose.FirehoseEngine;
import io.sluice.firehose.delivery.ErrorOutputReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The console's {@code GetDeliveryStreamErrorRecords}: a delivery stream's newest error records, read back from its
 * destination's error output through the object store Firehose writes to ({@link ErrorOutputReader}). Answers
 * {@code {"ErrorRecords":[{"ObjectKey","ObjectModified"(epoch seconds),"ErrorCode","ErrorMessage","AttemptsMade",
 * "ArrivalTimestamp","AttemptEndingTimestamp"(epoch millis),"LambdaArn"?,"RawData"(base64),"RawDataTruncated"}]}}.
 * Thread-safe: holds the engine and the reader, which are.
 */
final class DeliveryStreamErrors {

    /** How many of the newest error objects are read at most. */
    static final int OBJECTS = 5;
    static final int DEFAULT_RECORDS = 20;
    static final int MAX_RECORDS = 100;
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryStreamErrors.class);

    private final FirehoseEngine firehose;
    private final ErrorOutputReader reader;

    DeliveryStreamErrors(FirehoseEngine firehose, ErrorOutputReader reader) {
        this.firehose = firehose;
        this.reader = reader;
    }

    Map<String, Object> newest(DeliveryStreamKey key, int records) {
        // ResourceNotFoundException for a delivery stream that does not exist, as DescribeDeliveryStream answers
        var destination = firehose.describe(key).meta().destination();
        List<ErrorOutputReader.ErrorOutputRecord> read;
        try {
            read = reader.newest(destination, OBJECTS, records);
        } catch (IOException e) {
            LOG.warn("cannot read the error output of delivery stream {}", key.name(), e);
            throw new ServiceException(ErrorType.SERVICE_UNAVAILABLE,
                    "The error output of delivery stream " + key.name() + " cannot be read: " + e.getMessage());
        }
        return Map.of("ErrorRecords", read.stream().map(DeliveryStreamErrors::json).toList());
    }

    private static Map<String, Object> json(ErrorOutputReader.ErrorOutputRecord r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("ObjectKey", r.objectKey());
        out.put("ObjectModified", r.objectModifiedMillis() / 1000.0);
        out.put("ErrorCode", r.errorCode());
        out.put("ErrorMessage", r.errorMessage());
        out.put("AttemptsMade", r.attemptsMade());
        out.put("ArrivalTimestamp", r.arrivalMillis());
        out.put("AttemptEndingTimestamp", r.attemptEndingMillis());
        if (r.lambdaArn() != null) {
            out.put("LambdaArn", r.lambdaArn());
        }
        out.put("RawData", r.rawData());
        out.put("RawDataTruncated", r.truncated());
        return out;
    }
}
