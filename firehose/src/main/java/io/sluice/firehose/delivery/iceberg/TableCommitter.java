package io.sluice.firehose.delivery.iceberg;

import org.apache.iceberg.DataFile;
import org.apache.iceberg.DeleteFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.RowDelta;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotUpdate;
import org.apache.iceberg.StructLike;
import org.apache.iceberg.Table;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.InternalRecordWrapper;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.data.parquet.GenericParquetWriter;
import org.apache.iceberg.deletes.EqualityDeleteWriter;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.io.OutputFile;
import org.apache.iceberg.parquet.Parquet;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Commits one batch's rows to one table in one snapshot: the rows as one Parquet data file per partition (written
 * by iceberg-parquet's generic writer), appended with {@code newAppend}; or, when the batch deletes by key, with
 * the keys as equality delete files in the same {@code newRowDelta}, so a key's old rows go and its new row stays
 * (equality deletes only apply to rows of earlier snapshots).
 *
 * <p>Exactly once per batch: the snapshot records the batch id in its summary under {@link #BATCH_ID}, and a batch
 * whose id is in the summary of the current snapshot or one of its ancestors is not committed again; files written
 * by an attempt whose commit failed are overwritten by the next attempt (their names derive from the batch id) and
 * are never part of the table. The id is the batch's request id (a UUID) as text, under a property that names
 * its purpose; there is no version to check because a snapshot either carries an id or does not, and a batch read
 * again after a restart has a new id (delivery is at least once there, as in AWS). Finding the id walks the
 * current snapshot's ancestors, which are in the table metadata already loaded. A batch with nothing to write
 * commits nothing. Stateless; a table object is used from one thread at a time.
 */
final class TableCommitter {

    /** The snapshot summary property holding the Firehose batch the snapshot committed. */
    static final String BATCH_ID = "sluice.firehose.batch-id";

    /**
     * The rows of a batch for one table.
     *
     * @param rows      rows to add
     * @param deletes   rows (of the table's schema; only their key and partition columns count) whose key's
     *                  existing rows are deleted, in the row's partition; empty for an append
     * @param keySchema the unique key columns, or null for an append
     */
    record Changes(List<Record> rows, List<Record> deletes, Schema keySchema) {
    }

    /** Whether the table already holds the batch; refreshes the table first. */
    boolean committed(Table table, String batchId) {
        table.refresh();
        Snapshot snapshot = table.currentSnapshot();
        while (snapshot != null) {
            if (batchId.equals(snapshot.summary().get(BATCH_ID))) {
                return true;
            }
            snapshot = snapshot.parentId() == null ? null : table.snapshot(snapshot.parentId());
        }
        return false;
    }

    /** Commits the changes unless there are none or the batch is already in the table; false if not committed. */
    boolean commit(Table table, String batchId, Changes changes) throws IOException {
        if (changes.rows().isEmpty() && changes.deletes().isEmpty() || committed(table, batchId)) {
            return false;
        }
        PartitionSpec spec = table.spec();
        Map<StructLike, List<Record>> rows = byPartition(table, changes.rows());
        List<DataFile> dataFiles = new ArrayList<>();
        int file = 0;
        for (Map.Entry<StructLike, List<Record>> group : rows.entrySet()) {
            dataFiles.add(writeData(table, spec, group.getKey(), group.getValue(), batchId + "-" + file++));
        }
        if (changes.keySchema() == null) {
            AppendFiles append = table.newAppend();
            dataFiles.forEach(append::appendFile);
            stamp(append, batchId).commit();
            return true;
        }
        RowDelta delta = table.newRowDelta();
        dataFiles.forEach(delta::addRows);
        for (Map.Entry<StructLike, List<Record>> group : byPartition(table, changes.deletes()).entrySet()) {
            delta.addDeletes(writeDeletes(table, spec, group.getKey(), group.getValue(), changes.keySchema(),
                    batchId + "-" + file++));
        }
        stamp(delta, batchId).commit();
        return true;
    }

    private static <T extends SnapshotUpdate<T>> T stamp(T update, String batchId) {
        return update.set(BATCH_ID, batchId);
    }

    /** Rows grouped by partition (one group, keyed null, for an unpartitioned table), in first-seen order. */
    private static Map<StructLike, List<Record>> byPartition(Table table, List<Record> rows) {
        Map<StructLike, List<Record>> groups = new LinkedHashMap<>();
        if (rows.isEmpty()) {
            return groups;
        }
        if (table.spec().isUnpartitioned()) {
            groups.put(null, rows);
            return groups;
        }
        PartitionKey key = new PartitionKey(table.spec(), table.schema());
        InternalRecordWrapper wrapper = new InternalRecordWrapper(table.schema().asStruct());
        for (Record row : rows) {
            key.partition(wrapper.wrap(row));
            groups.computeIfAbsent(key.copy(), k -> new ArrayList<>()).add(row);
        }
        return groups;
    }

    private static OutputFile output(Table table, PartitionSpec spec, StructLike partition, String name) {
        String fileName = FileFormat.PARQUET.addExtension(name);
        String location = partition == null ? table.locationProvider().newDataLocation(fileName)
                : table.locationProvider().newDataLocation(spec, partition, fileName);
        return table.io().newOutputFile(location);
    }

    private static DataFile writeData(Table table, PartitionSpec spec, StructLike partition, List<Record> rows,
                                      String name) throws IOException {
        DataWriter<Record> writer = Parquet.writeData(output(table, spec, partition, name))
                .forTable(table)
                .withSpec(spec)
                .withPartition(partition)
                .createWriterFunc(GenericParquetWriter::create)
                .overwrite()
                .build();
        try (writer) {
            rows.forEach(writer::write);
        }
        return writer.toDataFile();
    }

    private static DeleteFile writeDeletes(Table table, PartitionSpec spec, StructLike partition, List<Record> keys,
                                           Schema keySchema, String name) throws IOException {
        int[] ids = keySchema.columns().stream().mapToInt(c -> c.fieldId()).toArray();
        EqualityDeleteWriter<Record> writer = Parquet.writeDeletes(output(table, spec, partition, name))
                .forTable(table)
                .withSpec(spec)
                .withPartition(partition)
                .rowSchema(keySchema)
                .equalityFieldIds(ids)
                .createWriterFunc(GenericParquetWriter::create)
                .overwrite()
                .buildEqualityWriter();
        try (writer) {
            for (Record row : keys) {
                Record key = GenericRecord.create(keySchema);
                for (var column : keySchema.columns()) {
                    key.setField(column.name(), row.getField(column.name()));
                }
                writer.write(key);
            }
        }
        return writer.toDeleteFile();
    }
}
