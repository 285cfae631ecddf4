package io.sluice.firehose.config;

/** One parameter of a processor, by its model name (LambdaArn, NumberOfRetries, Delimiter, ...). */
public record ProcessorParameter(String name, String value) {
}
