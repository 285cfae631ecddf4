package io.sluice.cli.data;

import io.sluice.storage.SegmentScanner;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * {@code sluice data dump}: prints a log's entries one per line, as Kafka's {@code DumpLogSegments} does (offset,
 * file position, timestamp, flags, sizes, partition key, whether the CRC matches), and the problems found on the
 * way. Reads only. Confined to the calling thread.
 */
final class LogDump {

    private final PrintWriter out;
    private final boolean printData;
    private int problems;

    LogDump(PrintWriter out, boolean printData) {
        this.out = out;
        this.printData = printData;
    }

    /** Dumps segments in order; answers the exit code: 0, or 1 if a problem was found. */
    int dump(List<Path> segments) throws IOException {
        for (Path segment : segments) {
            out.println("segment " + segment);
            SegmentScanner.Result result = SegmentScanner.scan(segment, this::entry);
            out.println("  format version " + result.formatVersion() + ", offsets " + result.baseOffset() + " to "
                    + (result.nextOffset() - 1) + ", " + result.entries() + " entries, " + result.bytes()
                    + " bytes, " + result.indexEntries() + " index entries");
            for (SegmentScanner.Problem problem : result.problems()) {
                problems++;
                out.println("problem: " + problem);
            }
        }
        return problems == 0 ? 0 : 1;
    }

    private void entry(SegmentScanner.Entry entry) {
        StringBuilder line = new StringBuilder("offset=").append(entry.offset())
                .append(" position=").append(entry.position())
                .append(" timestamp=").append(Instant.ofEpochMilli(entry.timestamp()))
                .append(" flags=").append(entry.flags() & 0xFF)
                .append(" keyBytes=").append(entry.keyLength())
                .append(" dataBytes=").append(entry.dataLength())
                .append(" partitionKey=").append(quoted(entry.partitionKey()))
                .append(" crc=").append(entry.crcOk() ? "ok" : "MISMATCH");
        if (printData) {
            line.append(" data=").append(Base64.getEncoder().encodeToString(entry.data()));
        }
        out.println(line);
    }

    private static String quoted(byte[] key) {
        StringBuilder text = new StringBuilder("\"");
        new String(key, StandardCharsets.UTF_8).codePoints().forEach(c -> {
            if (c == '"' || c == '\\') {
                text.append('\\').appendCodePoint(c);
            } else if (Character.isISOControl(c)) {
                text.append(String.format("\\u%04x", c));
            } else {
                text.appendCodePoint(c);
            }
        });
        return text.append('"').toString();
    }
}
