package io.sluice.server.analytics;

import io.sluice.analytics.app.ApplicationChange;
import io.sluice.analytics.app.ApplicationDefinition;
import io.sluice.analytics.app.ApplicationRegistry;
import io.sluice.analytics.app.InputConfig;
import io.sluice.analytics.app.LoggingOption;
import io.sluice.analytics.app.OutputConfig;
import io.sluice.analytics.app.ReferenceConfig;
import io.sluice.common.ServiceException;
import io.sluice.protocol.ResponseWriter;
import io.sluice.protocol.Validator;
import io.sluice.protocol.WireObject;
import io.sluice.server.kinesis.RequestContext;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The operations that add or remove one part of an application: inputs, outputs, reference data sources,
 * CloudWatch logging options and input processing configurations. Each names the version it changes; a new part
 * takes the id {@code <new version>.1}. Thread-safe.
 */
final class ComponentActions {

    private final ApplicationRegistry registry;

    ComponentActions(ApplicationRegistry registry) {
        this.registry = registry;
    }

    void addInput(RequestContext context, WireObject in, ResponseWriter out) {
        add(context, in, "Input", (reader, item) -> version -> reader.input(item, "input", version),
                (d, input) -> d.withInputs(append(d.inputs(), input)));
    }

    void addOutput(RequestContext context, WireObject in, ResponseWriter out) {
        add(context, in, "Output", (reader, item) -> version -> reader.output(item, "output", version),
                (d, output) -> d.withOutputs(append(d.outputs(), output)));
    }

    void addReference(RequestContext context, WireObject in, ResponseWriter out) {
        add(context, in, "ReferenceDataSource",
                (reader, item) -> version -> reader.reference(item, "referenceDataSource", version),
                (d, reference) -> d.withReferences(append(d.references(), reference)));
    }

    void addLogging(RequestContext context, WireObject in, ResponseWriter out) {
        add(context, in, "CloudWatchLoggingOption",
                (reader, item) -> version -> reader.logging(item, "cloudWatchLoggingOption", version),
                (d, option) -> d.withLoggingOptions(append(d.loggingOptions(), option)));
    }

    void addProcessing(RequestContext context, WireObject in, ResponseWriter out) {
        ConfigReader reader = new ConfigReader(new Validator());
        String name = ApplicationActions.name(reader, in);
        Long version = ApplicationActions.version(reader, in);
        String inputId = reader.string(in, "", "InputId", true, 1, 50, Patterns.ID);
        WireObject configuration = in.object("InputProcessingConfiguration");
        reader.validator().required("inputProcessingConfiguration", configuration);
        String[] lambda = reader.processing(configuration, "inputProcessingConfiguration");
        reader.check();
        registry.change(ApplicationActions.key(context, name), version, (d, v) -> d.withInputs(
                UpdateReader.replace(d.inputs(), InputConfig::id, inputId, "input", input -> {
                    if (input.processorArn() != null) {
                        throw ServiceException.invalidArgument("Input " + inputId + " already has an input "
                                + "processing configuration; update or delete it.");
                    }
                    return processed(input, lambda[0], lambda[1]);
                })));
    }

    void deleteProcessing(RequestContext context, WireObject in, ResponseWriter out) {
        ConfigReader reader = new ConfigReader(new Validator());
        String name = ApplicationActions.name(reader, in);
        Long version = ApplicationActions.version(reader, in);
        String inputId = reader.string(in, "", "InputId", true, 1, 50, Patterns.ID);
        reader.check();
        registry.change(ApplicationActions.key(context, name), version, (d, v) -> d.withInputs(
                found(() -> UpdateReader.replace(d.inputs(), InputConfig::id, inputId, "input",
                        input -> processed(input, null, null)))));
    }

    void deleteOutput(RequestContext context, WireObject in, ResponseWriter out) {
        delete(context, in, "OutputId", (d, id) -> d.withOutputs(without(d.outputs(), OutputConfig::id, id,
                "output")));
    }

    void deleteReference(RequestContext context, WireObject in, ResponseWriter out) {
        delete(context, in, "ReferenceId", (d, id) -> d.withReferences(without(d.references(), ReferenceConfig::id,
                id, "reference data source")));
    }

    void deleteLogging(RequestContext context, WireObject in, ResponseWriter out) {
        delete(context, in, "CloudWatchLoggingOptionId", (d, id) -> d.withLoggingOptions(
                without(d.loggingOptions(), LoggingOption::id, id, "CloudWatch logging option")));
    }

    /** Reads a part of the request with the id it will have at a version. */
    @FunctionalInterface
    private interface PartReader<T> {
        Function<String, T> read(ConfigReader reader, WireObject item);
    }

    @FunctionalInterface
    private interface Addition<T> {
        ApplicationDefinition add(ApplicationDefinition definition, T part);
    }

    @FunctionalInterface
    private interface Removal {
        ApplicationDefinition remove(ApplicationDefinition definition, String id);
    }

    private <T> void add(RequestContext context, WireObject in, String member, PartReader<T> parts,
                         Addition<T> addition) {
        ConfigReader reader = new ConfigReader(new Validator());
        String name = ApplicationActions.name(reader, in);
        Long version = ApplicationActions.version(reader, in);
        WireObject item = in.object(member);
        reader.validator().required(ConfigReader.path("", member), item);
        // checked now, with a placeholder id; the part is read again with its id once the version is known
        Function<String, T> read = item == null ? null : parts.read(reader, item);
        if (read != null) {
            read.apply("0");
        }
        reader.check();
        ApplicationChange change = (d, newVersion) -> addition.add(d,
                parts.read(new ConfigReader(new Validator()), item).apply(ApplicationDefinition.newId(newVersion, 1)));
        registry.change(ApplicationActions.key(context, name), version, change);
    }

    private void delete(RequestContext context, WireObject in, String idMember, Removal removal) {
        ConfigReader reader = new ConfigReader(new Validator());
        String name = ApplicationActions.name(reader, in);
        Long version = ApplicationActions.version(reader, in);
        String id = reader.string(in, "", idMember, true, 1, 50, Patterns.ID);
        reader.check();
        registry.change(ApplicationActions.key(context, name), version, (d, v) -> removal.remove(d, id));
    }

    private static InputConfig processed(InputConfig input, String arn, String role) {
        return new InputConfig(input.id(), input.namePrefix(), input.parallelism(), input.kind(),
                input.resourceArn(), input.roleArn(), arn, role, input.schema(), input.startingPosition());
    }

    private static <T> List<T> append(List<T> items, T item) {
        List<T> result = new ArrayList<>(items);
        result.add(item);
        return result;
    }

    /** {@code items} without the one of {@code id}; ResourceNotFoundException when there is none. */
    private static <T> List<T> without(List<T> items, Function<T, String> idOf, String id, String what) {
        List<T> result = new ArrayList<>(items);
        if (!result.removeIf(item -> idOf.apply(item).equals(id))) {
            throw ServiceException.notFound("The application has no " + what + " with id " + id + ".");
        }
        return result;
    }

    /** A part a Delete names that is not there is not found, as KDA answers. */
    private static <T> T found(Supplier<T> lookup) {
        try {
            return lookup.get();
        } catch (ServiceException e) {
            throw ServiceException.notFound(e.getMessage());
        }
    }
}
