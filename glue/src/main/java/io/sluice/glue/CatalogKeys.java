package io.sluice.glue;

/**
 * Where the catalogue keeps its entries in the metadata store, under {@value #PREFIX}:
 * {@code glue/<catalogId>/<region>/db/<database>} for a database, {@code .../table/<database>/<table>} for a
 * table's current version and {@code .../version/<database>/<table>/<versionId as 10 digits>} for each of its
 * versions (the current one included), so that a key range lists one kind in name (or version) order. Each part
 * has {@code %} and {@code /} escaped, since Glue names may contain them. Stateless.
 */
final class CatalogKeys {

    static final String PREFIX = "glue/";
    static final String DATABASE = "db";
    static final String TABLE = "table";
    static final String VERSION = "version";

    private CatalogKeys() {
    }

    static String databases(CatalogRef c) {
        return base(c) + DATABASE + "/";
    }

    static String database(CatalogRef c, String name) {
        return databases(c) + escape(name);
    }

    static String tables(CatalogRef c, String database) {
        return base(c) + TABLE + "/" + escape(database) + "/";
    }

    static String table(CatalogRef c, String database, String name) {
        return tables(c, database) + escape(name);
    }

    static String versions(CatalogRef c, String database, String table) {
        return base(c) + VERSION + "/" + escape(database) + "/" + escape(table) + "/";
    }

    static String version(CatalogRef c, String database, String table, long versionId) {
        return versions(c, database, table) + versionDigits(versionId);
    }

    /** A version id as the 10 digits its key ends with, so that keys sort in version order. */
    static String versionDigits(long versionId) {
        return String.format("%010d", versionId);
    }

    /** The kind of entry a key of this catalogue holds ({@link #DATABASE}, ...), or null for another key. */
    static String kind(String key) {
        if (!key.startsWith(PREFIX)) {
            return null;
        }
        String[] parts = key.substring(PREFIX.length()).split("/", 4);
        return parts.length == 4 ? parts[2] : null;
    }

    /** The last part of a key, unescaped: a name or a version's digits. */
    static String last(String key) {
        return unescape(key.substring(key.lastIndexOf('/') + 1));
    }

    static String escape(String part) {
        return part.replace("%", "%25").replace("/", "%2F");
    }

    static String unescape(String part) {
        return part.replace("%2F", "/").replace("%25", "%");
    }

    private static String base(CatalogRef c) {
        return PREFIX + escape(c.catalogId()) + "/" + escape(c.region()) + "/";
    }
}
