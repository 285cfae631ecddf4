package io.sluice.analytics.type;

/**
 * The SQL types of KDA's type system, and the one Java representation of each at run time. Every value in a row,
 * an expression or an aggregate uses exactly this representation (Calcite's internal one), so operators never
 * convert: {@code null} is SQL NULL for every type.
 *
 * <table>
 *   <tr><th>type</th><th>Java value</th></tr>
 *   <tr><td>BOOLEAN</td><td>{@link Boolean}</td></tr>
 *   <tr><td>TINYINT, SMALLINT, INTEGER</td><td>{@link Integer} (range checked on cast)</td></tr>
 *   <tr><td>BIGINT</td><td>{@link Long}</td></tr>
 *   <tr><td>DECIMAL(p, s)</td><td>{@link java.math.BigDecimal} with scale s</td></tr>
 *   <tr><td>REAL</td><td>{@link Float}</td></tr>
 *   <tr><td>FLOAT, DOUBLE</td><td>{@link Double}</td></tr>
 *   <tr><td>CHAR(n), VARCHAR(n)</td><td>{@link String}</td></tr>
 *   <tr><td>BINARY(n), VARBINARY(n)</td><td>{@code byte[]}</td></tr>
 *   <tr><td>DATE</td><td>{@link Integer}: days since 1970-01-01</td></tr>
 *   <tr><td>TIME</td><td>{@link Integer}: milliseconds since midnight</td></tr>
 *   <tr><td>TIMESTAMP</td><td>{@link Long}: milliseconds since the epoch, UTC (ROWTIME too)</td></tr>
 *   <tr><td>INTERVAL DAY TO SECOND family</td><td>{@link Long}: milliseconds</td></tr>
 *   <tr><td>INTERVAL YEAR TO MONTH family</td><td>{@link Integer}: months</td></tr>
 * </table>
 */
public enum SqlTypeName {
    BOOLEAN(false, false),
    TINYINT(false, false),
    SMALLINT(false, false),
    INTEGER(false, false),
    BIGINT(false, false),
    DECIMAL(true, true),
    REAL(false, false),
    FLOAT(false, false),
    DOUBLE(false, false),
    CHAR(true, false),
    VARCHAR(true, false),
    BINARY(true, false),
    VARBINARY(true, false),
    DATE(false, false),
    TIME(false, false),
    TIMESTAMP(false, false),
    INTERVAL_DAY_TIME(false, false),
    INTERVAL_YEAR_MONTH(false, false);

    private final boolean takesPrecision;
    private final boolean takesScale;

    SqlTypeName(boolean takesPrecision, boolean takesScale) {
        this.takesPrecision = takesPrecision;
        this.takesScale = takesScale;
    }

    public boolean takesPrecision() {
        return takesPrecision;
    }

    public boolean takesScale() {
        return takesScale;
    }

    public boolean isExactNumeric() {
        return this == TINYINT || this == SMALLINT || this == INTEGER || this == BIGINT || this == DECIMAL;
    }

    public boolean isApproximateNumeric() {
        return this == REAL || this == FLOAT || this == DOUBLE;
    }

    public boolean isNumeric() {
        return isExactNumeric() || isApproximateNumeric();
    }

    public boolean isCharacter() {
        return this == CHAR || this == VARCHAR;
    }

    public boolean isDatetime() {
        return this == DATE || this == TIME || this == TIMESTAMP;
    }
}
