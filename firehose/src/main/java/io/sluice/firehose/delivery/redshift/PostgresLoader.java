package io.sluice.firehose.delivery.redshift;

import io.sluice.common.Clock;
import org.postgresql.PGConnection;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Loads one batch's rows into PostgreSQL with {@code COPY ... FROM STDIN} through the JDBC driver's CopyManager,
 * exactly once per batch id: one transaction claims the id in {@link LoadLedger}, copies the rows, and commits.
 * If the id is claimed already, an earlier attempt committed (its COMMIT's answer was lost) and nothing is
 * copied again.
 *
 * <p>A connection is opened per load and closed after it: batches are minutes apart, and no connection outlives
 * the configuration it was opened for. Connect and socket timeouts bound an attempt against a server that stopped
 * answering. Not thread-safe: used from the delivery stream's one delivery thread.
 */
final class PostgresLoader {

    private static final long PRUNE_EVERY_MILLIS = 3600_000;

    /** The outcome of one load. */
    record Loaded(long rows, boolean already) {
    }

    private final String jdbcUrl;
    private final Properties properties = new Properties();
    private final String stream;
    private final Clock clock;
    private boolean ledgerReady;
    private long lastPruneMillis = Long.MIN_VALUE;

    PostgresLoader(String jdbcUrl, String username, String password, String stream, Clock clock) {
        this.jdbcUrl = jdbcUrl;
        this.stream = stream;
        this.clock = clock;
        if (username != null) {
            properties.setProperty("user", username);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        properties.setProperty("connectTimeout", "10");
        properties.setProperty("socketTimeout", "300");
        properties.setProperty("ApplicationName", "sluice-firehose");
    }

    /** The stored names of all the table's columns, in order (for JSON 'auto' without DataTableColumns). */
    List<String> tableColumns(String table) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement();
             var rs = s.executeQuery("SELECT * FROM " + table + " LIMIT 0")) {
            ResultSetMetaData meta = rs.getMetaData();
            List<String> names = new ArrayList<>(meta.getColumnCount());
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                names.add(meta.getColumnName(i));
            }
            return names;
        }
    }

    /** Copies {@code rows} with {@code copySql} in one transaction with the claim of {@code batchId}. */
    Loaded load(String batchId, String copySql, byte[] rows) throws SQLException {
        try (Connection c = connect()) {
            if (!ledgerReady) {
                LoadLedger.create(c);
                ledgerReady = true;
            }
            c.setAutoCommit(false);
            try {
                if (!LoadLedger.claim(c, batchId, stream)) {
                    c.rollback();
                    return new Loaded(0, true);
                }
                long copied = c.unwrap(PGConnection.class).getCopyAPI()
                        .copyIn(copySql, new ByteArrayInputStream(rows));
                long now = clock.millis();
                if (now - lastPruneMillis >= PRUNE_EVERY_MILLIS) {
                    LoadLedger.prune(c, now);
                    lastPruneMillis = now;
                }
                c.commit();
                return new Loaded(copied, false);
            } catch (IOException e) {
                rollbackQuietly(c);
                throw new SQLException("COPY input failed: " + e.getMessage(), "08006", e);
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c);
                throw e;
            }
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, properties);
    }

    private static void rollbackQuietly(Connection c) {
        try {
            if (!c.isClosed()) {
                c.rollback();
            }
        } catch (SQLException ignored) {
            // the connection is gone: the server ends the transaction itself
        }
    }
}
