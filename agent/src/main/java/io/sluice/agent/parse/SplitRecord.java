package io.sluice.agent.parse;

/**
 * One record cut from a file, before processing.
 *
 * @param data        the record's bytes (its last line's terminator removed; truncated records end with the
 *                    flow's truncatedRecordTerminator)
 * @param startOffset the file offset of the record's first byte
 * @param endOffset   the file offset just after the record, its line terminator included: where reading resumes
 */
public record SplitRecord(byte[] data, long startOffset, long endOffset) {
}
