package io.sluice.firehose.delivery;

import io.sluice.firehose.config.ExtendedS3Destination;
import io.sluice.firehose.config.S3Settings;
import io.sluice.firehose.processing.FailedRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Base64;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorOutputReaderTest {

    @TempDir
    Path root;

    private final ErrorRecords records = new ErrorRecords();

    private static ExtendedS3Destination destination(String errorPrefix) {
        return new ExtendedS3Destination(new S3Settings("arn:aws:iam::000000000000:role/r", "arn:aws:s3:::bucket",
                "data/", errorPrefix, null, null, null, null), null, false, null, null, null, null);
    }

    private byte[] lines(String... codes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String code : codes) {
            out.writeBytes(records.encode(new FailedRecord(0, 1000, ("data of " + code)
                    .getBytes(StandardCharsets.UTF_8), code, "message of " + code, 2, 2000, null)));
        }
        return out.toByteArray();
    }

    private void put(LocalDirectoryObjectStore store, String key, byte[] body, long modified) throws Exception {
        store.put("bucket", key, body);
        Files.setLastModifiedTime(root.resolve("bucket").resolve(key), FileTime.fromMillis(modified));
    }

    @Test
    void theNewestErrorObjectsRecordsComeFirstAndDeliveredDataIsNotTakenForErrors() throws Exception {
        LocalDirectoryObjectStore store = new LocalDirectoryObjectStore(root);
        put(store, "processing-failed/2026/12/06/05/s-1-old", lines("Lambda.Old"), 1_000_000);
        put(store, "http-endpoint-failed/2026/12/06/05/s-1-new", lines("Http.First", "Http.Second"), 3_000_000);
        put(store, "2026/12/06/05/s-1-delivered", lines("NotAnError"), 5_000_000);

        List<ErrorOutputReader.ErrorOutputRecord> newest = new ErrorOutputReader(store)
                .newest(destination(null), 5, 10);

        assertThat(newest).extracting(ErrorOutputReader.ErrorOutputRecord::errorCode)
                .containsExactly("Http.Second", "Http.First", "Lambda.Old");
        ErrorOutputReader.ErrorOutputRecord first = newest.get(0);
        assertThat(first.objectKey()).isEqualTo("http-endpoint-failed/2026/12/06/05/s-1-new");
        assertThat(first.errorMessage()).isEqualTo("message of Http.Second");
        assertThat(first.attemptsMade()).isEqualTo(2);
        assertThat(new String(Base64.getDecoder().decode(first.rawData()), StandardCharsets.UTF_8))
                .isEqualTo("data of Http.Second");
    }

    @Test
    void aCustomPrefixIsListedUnderItsLiteralStartAndGzipObjectsAreRead() throws Exception {
        LocalDirectoryObjectStore store = new LocalDirectoryObjectStore(root);
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(lines("Converted.Failed"));
        }
        put(store, "errors/format-conversion-failed/2026/12/s-1-a.gz", gz.toByteArray(), 2_000_000);
        put(store, "errors/other/s-1-b", lines("Unrelated"), 3_000_000);

        List<ErrorOutputReader.ErrorOutputRecord> newest = new ErrorOutputReader(store)
                .newest(destination("errors/!{firehose:error-output-type}/!{timestamp:yyyy/MM}/"), 5, 10);

        assertThat(newest).extracting(ErrorOutputReader.ErrorOutputRecord::errorCode)
                .containsExactly("Converted.Failed");
    }

    @Test
    void recordsAndObjectsAreBoundedAndLargeDataIsCut() throws Exception {
        LocalDirectoryObjectStore store = new LocalDirectoryObjectStore(root);
        byte[] big = records.encode(new FailedRecord(0, 1, new byte[5000], "Big", "m", 1, 1, null));
        put(store, "processing-failed/a", big, 1_000);
        put(store, "processing-failed/b", lines("B1", "B2", "B3"), 2_000);
        put(store, "processing-failed/c", lines("C1"), 3_000);

        ErrorOutputReader reader = new ErrorOutputReader(store);

        assertThat(reader.newest(destination(null), 2, 3)).extracting(ErrorOutputReader.ErrorOutputRecord::errorCode)
                .containsExactly("C1", "B3", "B2");
        ErrorOutputReader.ErrorOutputRecord cut = reader.newest(destination(null), 3, 10).get(4);
        assertThat(cut.errorCode()).isEqualTo("Big");
        assertThat(cut.truncated()).isTrue();
        assertThat(Base64.getDecoder().decode(cut.rawData())).hasSize(ErrorOutputReader.RAW_DATA_BYTES);
    }

    @Test
    void formatConversionErrorRecordsAreReadByTheirLastErrorCode() throws Exception {
        LocalDirectoryObjectStore store = new LocalDirectoryObjectStore(root);
        put(store, "format-conversion-failed/2026/12/06/05/s-1-c", ("{\"attemptsMade\":1,\"arrivalTimestamp\":5,"
                + "\"lastErrorCode\":\"DataFormatConversion.MalformedData\",\"lastErrorMessage\":\"not JSON\","
                + "\"attemptEndingTimestamp\":6,\"rawData\":\"eA==\"}\n").getBytes(StandardCharsets.UTF_8), 1_000_000);

        List<ErrorOutputReader.ErrorOutputRecord> newest = new ErrorOutputReader(store)
                .newest(destination(null), 5, 10);

        assertThat(newest).singleElement().satisfies(r -> {
            assertThat(r.errorCode()).isEqualTo("DataFormatConversion.MalformedData");
            assertThat(r.errorMessage()).isEqualTo("not JSON");
        });
    }

    @Test
    void openSearchFailedDocumentsUnderAwsMixedCasePrefixAreRead() throws Exception {
        LocalDirectoryObjectStore store = new LocalDirectoryObjectStore(root);
        put(store, "AmazonOpenSearchService-failed/2026/12/06/07/s-1-d", lines("OS.ConnectionFailed"), 1_000_000);

        assertThat(new ErrorOutputReader(store).newest(destination(null), 5, 10))
                .extracting(ErrorOutputReader.ErrorOutputRecord::errorCode).containsExactly("OS.ConnectionFailed");
    }

    @Test
    void anAbsentBucketHasNoErrorRecords() throws Exception {
        assertThat(new ErrorOutputReader(new LocalDirectoryObjectStore(root)).newest(destination(null), 5, 5))
                .isEmpty();
    }
}
