package io.sluice.firehose.processing;

/**
 * A record that could not be processed or delivered; it goes to the S3 error output as an error record.
 *
 * @param rawData   the record's data as it was when it failed
 * @param lambdaArn the function that failed it, or null
 */
public record FailedRecord(long sourceOffset, long arrivalMillis, byte[] rawData, String errorCode,
                           String errorMessage, int attemptsMade, long attemptEndingMillis, String lambdaArn) {

    public static FailedRecord of(ProcessedRecord record, String errorCode, String errorMessage, int attempts,
                                  long now, String lambdaArn) {
        return new FailedRecord(record.sourceOffset(), record.arrivalMillis(), record.data(), errorCode,
                errorMessage, attempts, now, lambdaArn);
    }

    /**
     * Where the record goes under the error output prefix ({@code !{firehose:error-output-type}}):
     * {@code decompression-failed} for a record Decompression could not gunzip, else {@code processing-failed}.
     */
    public String errorOutputType() {
        return Decompression.FAILED_CODE.equals(errorCode) ? "decompression-failed" : "processing-failed";
    }
}
