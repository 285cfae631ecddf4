package io.sluice.firehose.delivery.redshift;

import io.sluice.firehose.delivery.Batch;
import io.sluice.firehose.delivery.DeliveryException;
import io.sluice.firehose.delivery.S3Writer;
import io.sluice.firehose.delivery.Sink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.sql.SQLException;
import java.util.List;

/**
 * Delivers a batch to a Redshift destination on PostgreSQL as AWS does: the batch is first staged as an object in
 * the intermediate bucket with a manifest under {@code manifests/}, then its rows are loaded with COPY.
 *
 * <p><b>Exactly once per committed COPY</b>: the batch id (fixed at the batch's first attempt) is recorded in
 * {@link LoadLedger}'s table in the COPY's own transaction, and every attempt first claims it there. If the
 * connection dies during COMMIT, the next attempt finds the claim (the COPY committed: nothing is loaded again) or
 * not (it rolled back: the COPY runs again). Records a restarted Sluice reads again from its buffer form new
 * batches with new ids: across a restart, delivery is at least once, as AWS's is.
 *
 * <p>A retry neither stages the object again nor rewrites its manifest. Failures are {@link DeliveryException}s
 * coded {@code Redshift.*} from PostgreSQL's SQLSTATE; the worker retries them for the RetryOptions duration,
 * then {@link RedshiftErrorSink} lists the batch's object in a skipped manifest.
 *
 * <p>Not thread-safe: called from the delivery stream's one delivery thread.
 */
public final class RedshiftSink implements Sink {

    private static final Logger LOG = LoggerFactory.getLogger(RedshiftSink.class);

    private final S3Writer staging;
    private final Manifests manifests;
    private final StagedBatches staged;
    private final PostgresLoader loader;
    private final TableTarget target;
    private final CopyInput input;
    private List<String> columns;

    RedshiftSink(S3Writer staging, Manifests manifests, StagedBatches staged, PostgresLoader loader,
                 TableTarget target, CopyInput input) {
        this.staging = staging;
        this.manifests = manifests;
        this.staged = staged;
        this.loader = loader;
        this.target = target;
        this.input = input;
    }

    @Override
    public void deliver(Batch batch) throws DeliveryException {
        String id = batch.requestId();
        if (staged.key(id) == null) {
            staging.deliver(batch);
            manifests.writeLoad(batch.objectKey());
            staged.staged(id, batch.objectKey());
        }
        try {
            byte[] rows = input.rows(concat(batch), columns());
            PostgresLoader.Loaded loaded = loader.load(id, target.copySql(input.withOptions()), rows);
            if (loaded.already()) {
                LOG.info("batch {} ({}) had been loaded by an attempt whose commit was not confirmed; not loading "
                        + "it again", id, batch.objectKey());
            }
        } catch (BadRowsException e) {
            throw new DeliveryException("Redshift.InvalidData", e.getMessage(), false);
        } catch (SQLException e) {
            throw new DeliveryException(SqlErrors.code(e), SqlErrors.message(e), false);
        }
        staged.done(id);
    }

    private List<String> columns() throws SQLException {
        if (!input.needsColumnNames()) {
            return List.of();
        }
        if (columns == null) {
            columns = target.columns().isEmpty() ? loader.tableColumns(target.table())
                    : target.columns().stream().map(TableTarget::storedName).toList();
        }
        return columns;
    }

    private static byte[] concat(Batch batch) {
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(Integer.MAX_VALUE - 8, batch.bytes()));
        for (Batch.Entry entry : batch.entries()) {
            out.writeBytes(entry.data());
        }
        return out.toByteArray();
    }
}
