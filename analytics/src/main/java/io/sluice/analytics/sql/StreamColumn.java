package io.sluice.analytics.sql;

import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlIdentifier;

import java.util.Objects;

/**
 * One column declared by {@code CREATE STREAM}: its name (upper-cased unless quoted, with its position) and its
 * type as written ({@code VARCHAR(4)}, {@code DOUBLE}, {@code TIMESTAMP}...). A stated {@code NOT NULL} or
 * {@code NULL} is the type's {@link SqlDataTypeSpec#getNullable()} (false or true; null when not stated).
 * Immutable, so safe to share.
 */
public record StreamColumn(SqlIdentifier name, SqlDataTypeSpec type) {

    public StreamColumn {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }
}
