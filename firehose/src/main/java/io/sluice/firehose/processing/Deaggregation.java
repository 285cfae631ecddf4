package io.sluice.firehose.processing;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.sluice.common.Clock;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The RecordDeAggregation processor, and the KPL de-aggregation every KinesisStreamAsSource delivery stream does:
 * KPL aggregates become their user records; then, with SubRecordType JSON, a record of concatenated JSON objects
 * becomes one record per object, and with DELIMITED, one record per piece between delimiters. A record that is
 * not valid JSON fails with {@code DeAggregation.InvalidJson}. Thread-safe: holds only its settings.
 */
public final class Deaggregation implements ProcessingStage {

    /** How records are split after KPL de-aggregation. */
    public enum SubRecordType { NONE, JSON, DELIMITED }

    private final JsonFactory json = new JsonFactory();
    private final SubRecordType subRecords;
    private final byte[] delimiter;
    private final Clock clock;

    public Deaggregation(SubRecordType subRecords, byte[] delimiter, Clock clock) {
        this.subRecords = subRecords;
        this.delimiter = delimiter;
        this.clock = clock;
    }

    @Override
    public StageResult apply(List<ProcessedRecord> records) {
        List<ProcessedRecord> out = new ArrayList<>(records.size());
        List<FailedRecord> failed = new ArrayList<>();
        for (ProcessedRecord record : records) {
            List<byte[]> users = KplAggregate.unpack(record.data());
            List<ProcessedRecord> parts = new ArrayList<>();
            if (users == null) {
                parts.add(record);
            } else {
                for (int i = 0; i < users.size(); i++) {
                    parts.add(record.part(i, users.get(i)));
                }
            }
            for (ProcessedRecord part : parts) {
                try {
                    List<byte[]> pieces = split(part.data());
                    if (pieces == null) {
                        out.add(part);
                    } else {
                        for (int i = 0; i < pieces.size(); i++) {
                            out.add(part.part(i, pieces.get(i)));
                        }
                    }
                } catch (IOException e) {
                    failed.add(FailedRecord.of(part, "DeAggregation.InvalidJson",
                            "The record is not a sequence of JSON objects: " + e.getMessage(), 1, clock.millis(),
                            null));
                }
            }
        }
        return new StageResult(out, failed);
    }

    /** The pieces of {@code data}, or null if the record stays whole. */
    private List<byte[]> split(byte[] data) throws IOException {
        return switch (subRecords) {
            case NONE -> null;
            case JSON -> splitJson(data);
            case DELIMITED -> splitDelimited(data);
        };
    }

    private List<byte[]> splitJson(byte[] data) throws IOException {
        List<byte[]> pieces = new ArrayList<>();
        try (JsonParser parser = json.createParser(data)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                int start = (int) parser.currentTokenLocation().getByteOffset();
                if (token.isStructStart()) {
                    parser.skipChildren();
                }
                int end = (int) parser.currentLocation().getByteOffset();
                pieces.add(Arrays.copyOfRange(data, start, end));
            }
        }
        return pieces;
    }

    private List<byte[]> splitDelimited(byte[] data) {
        List<byte[]> pieces = new ArrayList<>();
        int start = 0;
        for (int i = 0; i + delimiter.length <= data.length; ) {
            if (Arrays.equals(data, i, i + delimiter.length, delimiter, 0, delimiter.length)) {
                pieces.add(Arrays.copyOfRange(data, start, i));
                i += delimiter.length;
                start = i;
            } else {
                i++;
            }
        }
        if (start < data.length) {
            pieces.add(Arrays.copyOfRange(data, start, data.length));
        }
        return pieces;
    }
}
