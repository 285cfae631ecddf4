package io.sluice.agent.parse;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The agent's record splitting, as AWS's agent does it: a line ends at {@code \n} (a {@code \r} before it is part of
 * the terminator); with a multiLineStartPattern, a record is a line where the pattern matches at its start
 * ({@code lookingAt}, like AWS's agent) plus the lines after it that do not, and the first line read starts a record
 * whatever it holds. A multi-line record is complete only when the next start line arrives, the footer is met, or
 * {@link #finish}. The first {@code skipHeaderLines} lines are skipped when reading starts at offset 0; a line that
 * wholly matches the fileFooterPattern ends the file's records (it and everything after it give none).
 *
 * <p>A record's data is its bytes without its last line's terminator. A record whose data and the newline it is sent
 * with exceed the destination's size limit is cut at a UTF-8 character boundary and ends with the
 * truncatedRecordTerminator, so that sent (with a newline added unless the terminator ends with one) it fits the
 * limit. Offsets: {@code endOffset} is just after the record's last terminator, where a restart reads the next
 * record. Memory: a line or record is kept up to the size limit only, however long it is. Patterns are matched on
 * the line decoded as UTF-8 (its first {@code maxRecordBytes} bytes for a longer line).
 *
 * <p>Not thread-safe: one per open file, fed by the file's reader.
 */
final class LineRecordSplitter implements RecordSplitter {

    private final Pattern startPattern;
    private final Pattern footerPattern;
    private final byte[] terminator;
    private final int maxRecordBytes;
    private int headerLinesLeft;

    private final CappedBytes line;
    private final CappedBytes record;
    private long lineStart = -1;
    private long recordStart = -1;
    private long recordEnd;
    private long nextOffset = -1;
    private boolean footerSeen;
    private boolean finished;

    LineRecordSplitter(Pattern startPattern, int skipHeaderLines, String truncatedRecordTerminator,
                       Pattern footerPattern, int maxRecordBytes) {
        this.startPattern = startPattern;
        this.footerPattern = footerPattern;
        this.terminator = truncatedRecordTerminator.getBytes(StandardCharsets.UTF_8);
        if (terminator.length >= maxRecordBytes) {
            throw new IllegalArgumentException("truncatedRecordTerminator is not shorter than " + maxRecordBytes);
        }
        this.maxRecordBytes = maxRecordBytes;
        this.headerLinesLeft = skipHeaderLines;
        // enough to hold a record at the limit with its \r\n, so a longer one is known to be longer
        this.line = new CappedBytes(maxRecordBytes + 2);
        this.record = new CappedBytes(maxRecordBytes + 2);
    }

    @Override
    public List<SplitRecord> feed(byte[] buffer, int offset, int length, long fileOffset) {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        if (finished) {
            throw new IllegalStateException("finish() was called: the file has no more bytes");
        }
        if (nextOffset < 0) {
            if (fileOffset != 0) {
                headerLinesLeft = 0; // header lines are at the file's start only
            }
        } else if (fileOffset != nextOffset) {
            throw new IllegalArgumentException("bytes at " + fileOffset + " do not follow the previous ones, which "
                    + "ended at " + nextOffset);
        }
        nextOffset = fileOffset + length;
        List<SplitRecord> out = new ArrayList<>(0);
        int from = offset;
        int end = offset + length;
        long position = fileOffset;
        while (from < end) {
            if (lineStart < 0) {
                lineStart = position;
            }
            int newline = indexOf(buffer, from, end);
            int stop = newline < 0 ? end : newline + 1;
            line.append(buffer, from, stop - from);
            position += stop - from;
            from = stop;
            if (newline >= 0) {
                completeLine(position, out);
            }
        }
        return out;
    }

    @Override
    public List<SplitRecord> finish() {
        if (finished) {
            return List.of();
        }
        finished = true;
        List<SplitRecord> out = new ArrayList<>(1);
        if (line.length() > 0) {
            completeLine(lineStart + line.length(), out);
        }
        flushRecord(out);
        return out;
    }

    private static int indexOf(byte[] buffer, int from, int end) {
        for (int i = from; i < end; i++) {
            if (buffer[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** The line in {@link #line} (with its terminator, if any) ends at {@code lineEnd}. */
    private void completeLine(long lineEnd, List<SplitRecord> out) {
        try {
            if (footerSeen) {
                return;
            }
            if (headerLinesLeft > 0) {
                headerLinesLeft--;
                return;
            }
            if (footerPattern != null && footerPattern.matcher(text(line)).matches()) {
                footerSeen = true;
                flushRecord(out);
                return;
            }
            if (startPattern == null) {
                out.add(record(line, lineStart, lineEnd));
                return;
            }
            if (recordStart >= 0 && startPattern.matcher(text(line)).lookingAt()) {
                flushRecord(out);
            }
            if (recordStart < 0) {
                recordStart = lineStart;
            }
            record.append(line);
            recordEnd = lineEnd;
        } finally {
            line.clear();
            lineStart = -1;
        }
    }

    private void flushRecord(List<SplitRecord> out) {
        if (recordStart < 0) {
            return;
        }
        out.add(record(record, recordStart, recordEnd));
        record.clear();
        recordStart = -1;
    }

    /** The record of {@code bytes} (its lines with their terminators), cut at the size limit when over it. */
    private SplitRecord record(CappedBytes bytes, long start, long end) {
        long contentLength = bytes.length() - terminatorLength(bytes);
        byte[] data;
        if (contentLength + 1 <= maxRecordBytes) {
            data = Arrays.copyOf(bytes.array(), (int) contentLength);
        } else {
            boolean endsWithNewline = terminator.length > 0 && terminator[terminator.length - 1] == '\n';
            int room = maxRecordBytes - terminator.length - (endsWithNewline ? 0 : 1);
            int cut = characterBoundary(bytes, room);
            data = Arrays.copyOf(bytes.array(), cut + terminator.length);
            System.arraycopy(terminator, 0, data, cut, terminator.length);
        }
        return new SplitRecord(data, start, end);
    }

    /** 1 for {@code \n}, 2 for {@code \r\n}, 0 for a last line without one. */
    private static int terminatorLength(CappedBytes bytes) {
        long length = bytes.length();
        if (length == 0 || bytes.last() != '\n') {
            return 0;
        }
        boolean carriageReturn = length >= 2 && length - 2 < bytes.kept() && bytes.at((int) (length - 2)) == '\r';
        return carriageReturn ? 2 : 1;
    }

    /** The largest cut at or below {@code limit} that splits no UTF-8 character. */
    private static int characterBoundary(CappedBytes bytes, int limit) {
        int cut = Math.min(limit, bytes.kept());
        while (cut > 0 && cut < bytes.kept() && (bytes.at(cut) & 0xC0) == 0x80) {
            cut--;
        }
        return cut;
    }

    /** The line as patterns see it: decoded, without its terminator. */
    private static String text(CappedBytes bytes) {
        int length = bytes.kept();
        if (bytes.length() == length) {
            length -= terminatorLength(bytes);
        }
        return new String(bytes.array(), 0, length, StandardCharsets.UTF_8);
    }
}
