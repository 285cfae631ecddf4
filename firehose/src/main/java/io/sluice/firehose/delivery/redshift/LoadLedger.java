package io.sluice.firehose.delivery.redshift;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;

/**
 * The small table in the destination database that makes each batch's COPY happen once: a batch's id is
 * inserted in the same transaction as its rows, so after a failure whose outcome is unknown (the connection died
 * during COMMIT) the next attempt learns from it whether the rows are there.
 *
 * <p><b>Format</b>, version 1 (the version is the table name's suffix; a later format gets a new table and
 * reads this one until its rows age out): {@code sluice_firehose_loads_v1(batch_id text primary key,
 * delivery_stream text, loaded_at timestamptz)}, in the connection's default schema. <b>Recovery rule</b>: the
 * table is created if absent; a row older than {@link #KEEP_MILLIS} is deleted, being far past any batch's retry
 * window (at most 7200 s). Stateless apart from the SQL; a caller's connection and transaction are used.
 */
final class LoadLedger {

    static final String TABLE = "sluice_firehose_loads_v1";
    static final long KEEP_MILLIS = 24L * 3600 * 1000;

    private LoadLedger() {
    }

    static void create(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (batch_id text PRIMARY KEY, "
                    + "delivery_stream text NOT NULL, loaded_at timestamptz NOT NULL DEFAULT now())");
        }
    }

    /**
     * Records the batch in the caller's transaction; false if it is recorded already (its COPY committed). An
     * insert racing a transaction of the same batch still in flight on a dead connection waits for it to end.
     */
    static boolean claim(Connection c, String batchId, String stream) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO " + TABLE + " (batch_id, delivery_stream) "
                + "VALUES (?, ?) ON CONFLICT (batch_id) DO NOTHING")) {
            s.setString(1, batchId);
            s.setString(2, stream);
            return s.executeUpdate() == 1;
        }
    }

    static void prune(Connection c, long nowMillis) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM " + TABLE + " WHERE loaded_at < ?")) {
            s.setTimestamp(1, new Timestamp(nowMillis - KEEP_MILLIS));
            s.executeUpdate();
        }
    }
}
