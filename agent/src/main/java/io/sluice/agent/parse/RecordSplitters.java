package io.sluice.agent.parse;

import io.sluice.agent.config.FlowConfig;

/** Makes the record splitter of a flow's files (one per open file). Stateless; thread-safe. */
public final class RecordSplitters {

    private RecordSplitters() {
    }

    /**
     * A new splitter for one file of the flow: its multiLineStartPattern, skipHeaderLines, fileFooterPattern,
     * truncatedRecordTerminator and its destination's record size limit (Kinesis 1 MiB, Firehose 1000 KiB).
     * See {@link LineRecordSplitter} for the rules and the offsets.
     */
    public static RecordSplitter forFlow(FlowConfig flow) {
        return new LineRecordSplitter(flow.multiLineStartPattern(), flow.skipHeaderLines(),
                flow.truncatedRecordTerminator(), flow.fileFooterPattern(), flow.destination().kind().maxRecordBytes());
    }
}
