package io.sluice.cli.bench;

import io.netty.buffer.ByteBuf;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class GetRecordsParserTest {

    private record Seen(RecordHeader header, int length) {
    }

    @ParameterizedTest
    @EnumSource(BodyFormat.class)
    void givesEachRecordsHeaderAndLengthAndTheNextIterator(BodyFormat format) throws IOException {
        byte[] first = new byte[1000];
        new RecordHeader(7, 0, 11).writeTo(first);
        byte[] second = new byte[RecordHeader.BYTES];
        new RecordHeader(7, 1, 12).writeTo(second);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("Records", List.of(record(first), record(second)));
        answer.put("NextShardIterator", "next-please");
        answer.put("MillisBehindLatest", 250);
        answer.put("ChildShards", List.of(Map.of("ShardId", "shardId-000000000002")));
        List<Seen> seen = new ArrayList<>();

        GetRecordsParser.Page page = new GetRecordsParser(format).parse(PutResponseParserTest.encode(format, answer),
                (head, headLength, dataLength) -> seen.add(new Seen(RecordHeader.readOrNull(head, headLength),
                        dataLength)));

        assertThat(page).isEqualTo(new GetRecordsParser.Page(2, "next-please", 250));
        assertThat(seen).containsExactly(new Seen(new RecordHeader(7, 0, 11), 1000),
                new Seen(new RecordHeader(7, 1, 12), RecordHeader.BYTES));
    }

    @ParameterizedTest
    @EnumSource(BodyFormat.class)
    void recordsShorterThanAHeaderAreReportedWithWhatTheyHold(BodyFormat format) throws IOException {
        byte[] tiny = "hi".getBytes();
        ByteBuf body = PutResponseParserTest.encode(format, Map.of("Records", List.of(record(tiny)),
                "NextShardIterator", "n"));
        List<byte[]> heads = new ArrayList<>();

        new GetRecordsParser(format).parse(body,
                (head, headLength, dataLength) -> heads.add(Arrays.copyOf(head, headLength)));

        assertThat(heads).containsExactly(tiny);
    }

    @ParameterizedTest
    @EnumSource(BodyFormat.class)
    void theEndOfAClosedShardHasNoNextIterator(BodyFormat format) throws IOException {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("Records", List.of());
        answer.put("NextShardIterator", null);

        GetRecordsParser.Page page = new GetRecordsParser(format).parse(PutResponseParserTest.encode(format, answer),
                (head, headLength, dataLength) -> {
                    throw new AssertionError("no records");
                });

        assertThat(page).isEqualTo(new GetRecordsParser.Page(0, null, -1));
    }

    private static Map<String, Object> record(byte[] data) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("SequenceNumber", "49590338271490256608559692538361571095921575989136588898");
        record.put("ApproximateArrivalTimestamp", 1.7e9);
        record.put("Data", data);
        record.put("PartitionKey", "k");
        return record;
    }
}
