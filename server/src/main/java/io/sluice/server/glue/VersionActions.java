package io.sluice.server.glue;

import io.sluice.glue.CatalogRef;
import io.sluice.glue.GlueCatalog;
import io.sluice.glue.Page;
import io.sluice.glue.Table;
import io.sluice.protocol.ResponseWriter;
import io.sluice.protocol.Validator;
import io.sluice.protocol.WireObject;
import io.sluice.server.kinesis.RequestContext;

/** GetTableVersion, GetTableVersions, DeleteTableVersion. Thread-safe. */
final class VersionActions {

    private final GlueCatalog catalog;

    VersionActions(GlueCatalog catalog) {
        this.catalog = catalog;
    }

    void get(RequestContext context, WireObject in, ResponseWriter out) {
        Validator v = new Validator();
        CatalogRef c = GlueReader.catalog(context, in, v);
        String database = in.string("DatabaseName");
        String table = in.string("TableName");
        String version = in.string("VersionId");
        GlueReader.requiredName(v, "databaseName", database);
        GlueReader.requiredName(v, "tableName", table);
        GlueReader.name(v, "versionId", version).check();
        write(out, "TableVersion", catalog.versions().get(c, database, table, version));
    }

    void list(RequestContext context, WireObject in, ResponseWriter out) {
        Validator v = new Validator();
        CatalogRef c = GlueReader.catalog(context, in, v);
        String database = in.string("DatabaseName");
        String table = in.string("TableName");
        Integer max = in.integer("MaxResults");
        GlueReader.requiredName(v, "databaseName", database);
        GlueReader.requiredName(v, "tableName", table).range("maxResults", max, 1, 100).check();
        Page<Table> page = catalog.versions().list(c, database, table, in.string("NextToken"),
                max == null ? GlueCatalog.DEFAULT_PAGE : max);
        out.startArray("TableVersions");
        page.items().forEach(t -> write(out, null, t));
        out.endArray().string("NextToken", page.nextToken());
    }

    void delete(RequestContext context, WireObject in, ResponseWriter out) {
        Validator v = new Validator();
        CatalogRef c = GlueReader.catalog(context, in, v);
        String database = in.string("DatabaseName");
        String table = in.string("TableName");
        String version = in.string("VersionId");
        GlueReader.requiredName(v, "databaseName", database);
        GlueReader.requiredName(v, "tableName", table);
        GlueReader.requiredName(v, "versionId", version).check();
        catalog.versions().delete(c, database, table, version);
    }

    /** A TableVersion structure: the table as it was, and its version id. */
    private static void write(ResponseWriter out, String member, Table table) {
        if (member == null) {
            out.startObject();
        } else {
            out.startObject(member);
        }
        GlueWriter.table(out, "Table", table, null);
        out.string("VersionId", table.versionId()).endObject();
    }
}
