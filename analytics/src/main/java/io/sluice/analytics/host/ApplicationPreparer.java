package io.sluice.analytics.host;

import io.sluice.analytics.app.ApplicationConfig;
import io.sluice.analytics.app.ApplicationConfigurationException;
import io.sluice.analytics.app.InputConfig;
import io.sluice.analytics.app.OutputConfig;
import io.sluice.analytics.app.ReferenceConfig;
import io.sluice.analytics.app.SourceKind;
import io.sluice.analytics.program.Catalog;
import io.sluice.analytics.program.CodeValidationException;
import io.sluice.analytics.program.CompiledProgram;
import io.sluice.analytics.program.ErrorRow;
import io.sluice.common.ServiceException;
import io.sluice.common.StreamArn;
import io.sluice.engine.StreamKey;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks that an application can work, as KDA does when it starts one, and compiles it: every source and
 * destination exists, the code compiles against the inputs' and reference tables' columns, every output names a
 * stream the code creates (or {@code error_stream}), and every reference object exists and parses. Any failure is
 * an {@link ApplicationConfigurationException} whose message says which part and why.
 *
 * <p><b>Threading</b>: thread-safe (stateless over thread-safe services).
 */
final class ApplicationPreparer {

    private final HostServices services;

    ApplicationPreparer(HostServices services) {
        this.services = services;
    }

    PreparedApplication prepare(ApplicationConfig config) throws ApplicationConfigurationException {
        for (InputConfig input : config.inputs()) {
            checkSource(input);
        }
        Map<String, List<Object[]>> tables = new HashMap<>();
        for (ReferenceConfig reference : config.references()) {
            tables.put(reference.tableName(), load(reference));
        }
        Catalog catalog;
        try {
            catalog = SourceColumns.catalog(config);
        } catch (IllegalArgumentException e) {
            // a schema column named like a hidden source column, say
            throw new ApplicationConfigurationException("The input and reference columns of " + config.name()
                    + " cannot make in-application streams and tables: " + e.getMessage());
        }
        CompiledProgram program;
        try {
            program = services.compiler().compile(config.code(), catalog);
        } catch (CodeValidationException e) {
            throw new ApplicationConfigurationException("Application code of " + config.name()
                    + " does not compile against its inputs and reference data: " + e.getMessage());
        }
        for (OutputConfig output : config.outputs()) {
            if (!output.name().equals(ErrorRow.STREAM) && !program.streams().containsKey(output.name())) {
                throw new ApplicationConfigurationException("Output " + output.id() + " names the in-application "
                        + "stream " + output.name() + ", which the application code does not create.");
            }
            checkDestination(output);
        }
        return new PreparedApplication(config, program, tables);
    }

    private void checkSource(InputConfig input) throws ApplicationConfigurationException {
        try {
            services.formats().decoder(input.schema());
        } catch (IllegalArgumentException e) {
            throw new ApplicationConfigurationException("Input " + input.id() + ": its schema cannot be used: "
                    + e.getMessage());
        }
        if (input.kind() == SourceKind.KINESIS_STREAM) {
            if (!streamExists(input.resourceArn())) {
                throw new ApplicationConfigurationException("Input " + input.id() + ": Kinesis stream "
                        + input.resourceArn() + " does not exist.");
            }
        } else if (!services.deliveryStreams().exists(input.resourceArn())) {
            throw new ApplicationConfigurationException("Input " + input.id() + ": Firehose delivery stream "
                    + input.resourceArn() + " does not exist.");
        } else if (!services.deliveryStreams().takesPuts(input.resourceArn())) {
            throw new ApplicationConfigurationException("Input " + input.id() + ": Firehose delivery stream "
                    + input.resourceArn() + " reads a Kinesis stream; Sluice's applications read only the records"
                    + " put to a delivery stream (DirectPut): make that Kinesis stream the input instead.");
        }
    }

    private void checkDestination(OutputConfig output) throws ApplicationConfigurationException {
        switch (output.kind()) {
            case KINESIS_STREAM -> {
                if (!streamExists(output.resourceArn())) {
                    throw new ApplicationConfigurationException("Output " + output.id() + ": Kinesis stream "
                            + output.resourceArn() + " does not exist.");
                }
            }
            case FIREHOSE -> {
                if (!services.deliveryStreams().exists(output.resourceArn())) {
                    throw new ApplicationConfigurationException("Output " + output.id()
                            + ": Firehose delivery stream " + output.resourceArn() + " does not exist.");
                }
            }
            // a function is reached over HTTP when rows come; there is no registry of functions to ask
            case LAMBDA -> { }
        }
    }

    private boolean streamExists(String arn) {
        StreamKey key = streamKey(arn);
        if (key == null) {
            return false;
        }
        try {
            services.kinesis().describe(key);
            return true;
        } catch (ServiceException e) {
            return false;
        }
    }

    /** The stream an ARN names, or null when it is not a stream ARN. */
    static StreamKey streamKey(String arn) {
        StreamArn parsed = arn == null ? null : StreamArn.parseOrNull(arn);
        return parsed == null ? null : new StreamKey(parsed.account(), parsed.region(), parsed.streamName());
    }

    private List<Object[]> load(ReferenceConfig reference) throws ApplicationConfigurationException {
        String where = "Reference data source " + reference.id() + " (" + reference.bucketArn() + ", key "
                + reference.fileKey() + ")";
        byte[] object;
        try {
            object = services.objects().read(reference.bucketArn(), reference.fileKey());
        } catch (NoSuchFileException e) {
            throw new ApplicationConfigurationException(where + ": the object does not exist.");
        } catch (IOException e) {
            throw new ApplicationConfigurationException(where + ": the object could not be read: "
                    + e.getMessage());
        }
        try {
            return services.formats().referenceTable(reference.schema(), object);
        } catch (IllegalArgumentException e) {
            throw new ApplicationConfigurationException(where + ": the object does not parse with its schema: "
                    + e.getMessage());
        }
    }
}
