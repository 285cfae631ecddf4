package io.sluice.firehose.delivery;

import io.sluice.common.Clock;
import io.sluice.firehose.conversion.ConversionException;
import io.sluice.firehose.conversion.RecordConverter;
import io.sluice.firehose.processing.FailedRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The main sink of an ExtendedS3 destination with record format conversion: writes each batch as one Parquet or
 * ORC object (named as {@link S3Writer} names objects, with the format's extension), and the records that do not
 * convert as error records under {@code format-conversion-failed} through the destination's error sink. A table
 * that cannot be read fails every record of the batch that way, with the catalog's error code. A retried batch
 * overwrites the same object and rewrites the same error object.
 *
 * <p>Used from one delivery thread at a time (it remembers the error batch of the batch being retried).
 */
public final class ConvertingS3Writer implements Sink {

    static final String ERROR_OUTPUT_TYPE = "format-conversion-failed";

    private final S3Writer objects;
    private final RecordConverter converter;
    private final Sink errors;
    private final ErrorRecords.CatalogTable table;
    private final Clock clock;
    private final ErrorRecords errorRecords = new ErrorRecords();
    private Batch pendingFor;
    private Batch pendingErrors;

    /** @param table the table converted into, as error records name it */
    public ConvertingS3Writer(S3Writer objects, RecordConverter converter, Sink errors,
                              ErrorRecords.CatalogTable table, Clock clock) {
        this.objects = objects;
        this.converter = converter;
        this.errors = errors;
        this.table = table;
        this.clock = clock;
    }

    @Override
    public void deliver(Batch batch) throws DeliveryException {
        List<byte[]> records = batch.entries().stream().map(Batch.Entry::data).toList();
        RecordConverter.Converted converted;
        try {
            converted = converter.convert(records);
        } catch (ConversionException e) {
            List<RecordConverter.Failure> all = new ArrayList<>(records.size());
            for (int i = 0; i < records.size(); i++) {
                all.add(new RecordConverter.Failure(i, e.code(), e.getMessage()));
            }
            converted = new RecordConverter.Converted(null, 0, all);
        }
        if (converted.file() != null) {
            objects.put(batch, converted.file());
        }
        if (!converted.failures().isEmpty()) {
            if (pendingFor != batch) {
                pendingErrors = errorBatch(batch, converted.failures());
                pendingFor = batch;
            }
            errors.deliver(pendingErrors);
        }
        pendingFor = null;
        pendingErrors = null;
    }

    private Batch errorBatch(Batch batch, List<RecordConverter.Failure> failures) {
        long now = clock.millis();
        List<Batch.Entry> entries = new ArrayList<>(failures.size());
        for (RecordConverter.Failure failure : failures) {
            Batch.Entry entry = batch.entries().get(failure.index());
            FailedRecord record = new FailedRecord(batch.firstOffset(), entry.arrivalMillis(), entry.data(),
                    failure.errorCode(), failure.errorMessage(), batch.attempts() + 1, now, null);
            entries.add(new Batch.Entry(errorRecords.encodeConversion(record, table), entry.arrivalMillis()));
        }
        return new Batch(Batch.Route.ERRORS, Map.of(), ERROR_OUTPUT_TYPE, entries, batch.firstOffset(),
                batch.requestId());
    }
}
