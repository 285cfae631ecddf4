package io.sluice.firehose.delivery.iceberg;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.common.Clock;
import io.sluice.firehose.config.IcebergDestination;
import io.sluice.firehose.config.IcebergDestination.IcebergTable;
import io.sluice.firehose.delivery.Batch;
import io.sluice.firehose.delivery.DeliveryException;
import io.sluice.firehose.delivery.ErrorOutput;
import io.sluice.firehose.delivery.ErrorRecords;
import io.sluice.firehose.delivery.Sink;
import io.sluice.firehose.processing.FailedRecord;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The main sink of an Iceberg destination. Each batch's records (JSON objects) are routed to their table
 * ({@link RecordRoute}), converted to the table's schema ({@link JsonRows}) and committed to each table in one
 * snapshot ({@link TableCommitter}: append, or upsert by UniqueKeys through equality deletes). Records that do not
 * fit, or whose table does not exist, go as error records ({@code iceberg-failed}) to their table's
 * S3ErrorOutputPrefix, or the S3 configuration's ErrorOutputPrefix; a failing catalog or commit is retried by the
 * delivery worker with the destination's RetryOptions.
 *
 * <p><b>Exactly once per batch, across retries:</b> each table's snapshot records the batch's id (its request id,
 * fixed at its first attempt) in its summary, and a retry skips the tables that already hold it; error records are
 * computed once all tables are committed and each error output is written once (a retry after a failed error write
 * rewrites only the outputs not yet written). A batch re-read after a restart has a new id and may be committed
 * again, as AWS's delivery is at least once.
 *
 * <p>Used from the delivery stream's one delivery thread at a time (it keeps the catalog client, the tables and
 * the error records of the batch being retried).
 */
public final class IcebergSink implements Sink {

    static final String ERROR_OUTPUT_TYPE = "iceberg-failed";
    static final String NO_SUCH_TABLE = "Iceberg.NoSuchTable";
    static final String CATALOG_UNAVAILABLE = "Iceberg.CatalogUnavailable";
    static final String COMMIT_FAILED = "Iceberg.CommitFailed";

    private static final Logger LOG = LoggerFactory.getLogger(IcebergSink.class);

    private final IcebergDestination destination;
    private final IcebergCatalogs catalogs;
    private final Map<IcebergTable, ErrorOutput> tableErrors;
    private final ErrorOutput defaultErrors;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();
    private final ErrorRecords errorRecords = new ErrorRecords();
    private final TableCommitter committer = new TableCommitter();
    private Catalog catalog;
    private Batch pendingFor;
    private Map<ErrorOutput, List<Batch.Entry>> pendingErrors = Map.of();

    /**
     * @param tableErrors   the error output of each table that has its own S3ErrorOutputPrefix
     * @param defaultErrors the error output of the other tables and of records routed to no table
     */
    public IcebergSink(IcebergDestination destination, IcebergCatalogs catalogs,
                       Map<IcebergTable, ErrorOutput> tableErrors, ErrorOutput defaultErrors, Clock clock) {
        this.destination = destination;
        this.catalogs = catalogs;
        this.tableErrors = Map.copyOf(tableErrors);
        this.defaultErrors = defaultErrors;
        this.clock = clock;
    }

    @Override
    public void deliver(Batch batch) throws DeliveryException {
        if (pendingFor != batch) {
            pendingErrors = commit(batch);
            pendingFor = batch;
        }
        var outputs = pendingErrors.entrySet().iterator();
        while (outputs.hasNext()) {
            var output = outputs.next();
            output.getKey().write(batch, output.getValue());
            outputs.remove();
        }
        pendingFor = null;
    }

    /** Commits the batch to its tables; returns the error records to write, by error output. */
    private Map<ErrorOutput, List<Batch.Entry>> commit(Batch batch) throws DeliveryException {
        Catalog open = catalog();
        Map<IcebergTable, List<ChangeBuilder.Routed>> byTable = new LinkedHashMap<>();
        Map<ErrorOutput, SortedMap<Integer, Batch.Entry>> errors = new LinkedHashMap<>();
        List<Batch.Entry> entries = batch.entries();
        for (int i = 0; i < entries.size(); i++) {
            try {
                JsonNode record = parse(entries.get(i).data());
                RecordRoute route = RecordRoute.of(record, destination.tables());
                byTable.computeIfAbsent(route.table(), t -> new ArrayList<>())
                        .add(new ChangeBuilder.Routed(i, record, route.operation()));
            } catch (RecordMismatchException e) {
                fail(errors, defaultErrors, batch, i, e.code(), e.getMessage());
            }
        }
        for (Map.Entry<IcebergTable, List<ChangeBuilder.Routed>> group : byTable.entrySet()) {
            IcebergTable config = group.getKey();
            ErrorOutput output = tableErrors.getOrDefault(config, defaultErrors);
            Table table;
            try {
                table = open.loadTable(TableIdentifier.of(Namespace.of(config.databaseName()), config.tableName()));
            } catch (NoSuchTableException e) {
                for (ChangeBuilder.Routed record : group.getValue()) {
                    fail(errors, output, batch, record.index(), NO_SUCH_TABLE, "The table "
                            + config.databaseName() + "." + config.tableName() + " does not exist in the catalog.");
                }
                continue;
            } catch (RuntimeException e) {
                throw failure(CATALOG_UNAVAILABLE, "The table " + config.tableName() + " could not be loaded", e);
            }
            ChangeBuilder.Result result = ChangeBuilder.build(table, config.uniqueKeys(), destination.appendOnly(),
                    group.getValue());
            for (ChangeBuilder.Failure failure : result.failures()) {
                fail(errors, output, batch, failure.index(), failure.code(), failure.message());
            }
            try {
                committer.commit(table, batch.requestId(), result.changes());
            } catch (IOException | RuntimeException e) {
                throw failure(COMMIT_FAILED, "Writing to " + table.name() + " failed", e);
            }
        }
        Map<ErrorOutput, List<Batch.Entry>> inBatchOrder = new LinkedHashMap<>();
        errors.forEach((output, records) -> inBatchOrder.put(output, new ArrayList<>(records.values())));
        return inBatchOrder;
    }

    private JsonNode parse(byte[] data) throws RecordMismatchException {
        try {
            return json.readTree(data);
        } catch (IOException e) {
            throw new RecordMismatchException(RecordMismatchException.INVALID_VALUE, "The record is not JSON.");
        }
    }

    private void fail(Map<ErrorOutput, SortedMap<Integer, Batch.Entry>> errors, ErrorOutput output, Batch batch,
                      int index, String code, String message) {
        Batch.Entry entry = batch.entries().get(index);
        FailedRecord record = new FailedRecord(batch.firstOffset(), entry.arrivalMillis(), entry.data(), code,
                message, batch.attempts() + 1, clock.millis(), null);
        errors.computeIfAbsent(output, o -> new TreeMap<>())
                .put(index, new Batch.Entry(errorRecords.encode(record), entry.arrivalMillis()));
    }

    private Catalog catalog() throws DeliveryException {
        if (catalog == null) {
            try {
                catalog = catalogs.open(destination.catalog().catalogArn(),
                        destination.catalog().warehouseLocation());
            } catch (RuntimeException e) {
                throw failure(CATALOG_UNAVAILABLE, "The Iceberg catalog could not be opened", e);
            }
        }
        return catalog;
    }

    private static DeliveryException failure(String code, String what, Exception cause) {
        LOG.debug("{}", what, cause);
        return new DeliveryException(code, what + ": " + cause.getMessage(), false);
    }
}
