package io.sluice.firehose.delivery.redshift;

import java.sql.SQLException;

/** Error codes for error output and logs from PostgreSQL's SQLSTATE classes. Stateless. */
final class SqlErrors {

    private SqlErrors() {
    }

    static String code(SQLException e) {
        String state = e.getSQLState() == null ? "08000" : e.getSQLState();
        if (state.startsWith("08") || state.startsWith("57P")) {
            return "Redshift.ConnectionFailed";
        }
        if (state.startsWith("28")) {
            return "Redshift.AuthenticationFailed";
        }
        return switch (state) {
            case "42P01" -> "Redshift.TableNotFound";
            case "42703" -> "Redshift.ColumnNotFound";
            case "42501" -> "Redshift.InsufficientPrivileges";
            default -> state.startsWith("22") || state.startsWith("23") ? "Redshift.InvalidData"
                    : "Redshift.CopyFailed";
        };
    }

    static String message(SQLException e) {
        return e.getMessage() + (e.getSQLState() == null ? "" : " (SQLSTATE " + e.getSQLState() + ")");
    }
}
