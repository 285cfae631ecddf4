package io.sluice.agent.tail;

/**
 * One processed record ready to send, with where its file resumes after it.
 *
 * @param data the record as it is sent (after the flow's dataProcessingOptions)
 * @param end  the position just after this record in its file
 */
public record TailedRecord(byte[] data, TailPosition end) {
}
