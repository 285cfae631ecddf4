package io.sluice.agent.parse;

import io.sluice.agent.config.FlowConfig;
import io.sluice.agent.config.ProcessingOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** Makes a flow's record processor from its dataProcessingOptions. Stateless; thread-safe. */
public final class RecordProcessors {

    private RecordProcessors() {
    }

    /** The flow's processor; ADDMETADATA's {@code ts} reads the system clock (UTC). */
    public static RecordProcessor forFlow(FlowConfig flow) {
        return forFlow(flow, Clock.systemUTC());
    }

    /** The flow's processor; ADDMETADATA's {@code ts} reads {@code clock}. See {@link ProcessingChain} for framing. */
    public static RecordProcessor forFlow(FlowConfig flow, Clock clock) {
        return of(flow.processing(), clock);
    }

    /** A processor applying {@code options} in order. */
    public static RecordProcessor of(List<ProcessingOption> options, Clock clock) {
        List<ProcessingStep> steps = new ArrayList<>(options.size());
        for (ProcessingOption option : options) {
            steps.add(switch (option) {
                case ProcessingOption.SingleLine singleLine -> new SingleLineStep();
                case ProcessingOption.CsvToJson csv -> new CsvToJsonStep(csv);
                case ProcessingOption.LogToJson log -> new LogToJsonStep(log);
                case ProcessingOption.AddMetadata metadata -> new AddMetadataStep(metadata, clock);
                case ProcessingOption.AddBrackets brackets -> record -> "{" + record + "}";
            });
        }
        return new ProcessingChain(steps);
    }
}
