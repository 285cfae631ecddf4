package io.sluice.server.glue;

import io.sluice.glue.CatalogRef;
import io.sluice.glue.GlueCatalog;
import io.sluice.glue.Page;
import io.sluice.glue.Table;
import io.sluice.glue.TableInput;
import io.sluice.protocol.ResponseWriter;
import io.sluice.protocol.Validator;
import io.sluice.protocol.WireObject;
import io.sluice.server.kinesis.RequestContext;

import java.util.List;

/**
 * CreateTable, GetTable, GetTables, UpdateTable, DeleteTable. Glue names a TableInput's members {@code table.*} in
 * its validation messages ({@code table.storageDescriptor.columns.5.member.comment}), and so does Sluice. Lake Formation transactions, time travel, partition
 * indexes, open table format updates and views' definitions are refused by name; an Iceberg table is created as
 * {@link IcebergTableCreation} says. Thread-safe.
 */
final class TableActions {

    private static final List<String> TABLE_ATTRIBUTES = List.of("NAME", "TABLE_TYPE");

    private final GlueCatalog catalog;
    private final IcebergTableCreation iceberg;

    TableActions(GlueCatalog catalog, IcebergTableCreation iceberg) {
        this.catalog = catalog;
        this.iceberg = iceberg;
    }

    void create(RequestContext context, WireObject in, ResponseWriter out) {
        GlueReader.refuse(in, "TransactionId", "PartitionIndexes");
        Validator v = new Validator();
        CatalogRef c = GlueReader.catalog(context, in, v);
        String database = in.string("DatabaseName");
        GlueReader.requiredName(v, "databaseName", database);
        GlueReader.name(v, "name", in.string("Name"));
        TableInput input = GlueReader.table(in.object("TableInput"), "table", v);
        v.check();
        WireObject openTableFormat = in.object("OpenTableFormatInput");
        if (openTableFormat != null) {
            // the database must exist before a metadata file is written for a table that could not be registered
            catalog.getDatabase(c, database);
            input = iceberg.create(openTableFormat, input);
        }
        catalog.createTable(c, database, input);
    }

    void get(RequestContext context, WireObject in, ResponseWriter out) {
        GlueReader.refuse(in, "TransactionId", "QueryAsOfTime");
        Validator v = new Validator();
        CatalogRef c = GlueReader.catalog(context, in, v);
        String database = in.string("DatabaseName");
        String name = in.string("Name");
        GlueReader.requiredName(v, "databaseName", database);
        GlueReader.requiredName(v, "name", name).check();
        GlueWriter.table(out, "Table", catalog.getTable(c, database, name), null);
    }

    void list(RequestContext context, WireObject in, ResponseWriter out) {
        GlueReader.refuse(in, "TransactionId", "QueryAsOfTime");
        Validator v = new Validator();
        CatalogRef c = GlueReader.catalog(context, in, v);
        String database = in.string("DatabaseName");
        String expression = in.string("Expression");
        Integer max = in.integer("MaxResults");
        List<String> attributes = in.strings("AttributesToGet");
        GlueReader.requiredName(v, "databaseName", database).length("expression", expression, 0, 2048)
                .pattern("expression", expression, GlueReader.SINGLE_LINE).range("maxResults", max, 1, 100);
        for (int i = 0; attributes != null && i < attributes.size(); i++) {
            v.oneOf("attributesToGet." + (i + 1) + ".member", attributes.get(i), TABLE_ATTRIBUTES);
        }
        v.check();
        Page<Table> page = catalog.getTables(c, database, expression, in.string("NextToken"),
                max == null ? GlueCatalog.DEFAULT_PAGE : max);
        List<String> only = attributes == null || attributes.isEmpty() ? null : attributes;
        out.startArray("TableList");
        page.items().forEach(t -> GlueWriter.table(out, null, t, only));
        out.endArray().string("NextToken", page.nextToken());
    }

    void update(RequestContext context, WireObject in, ResponseWriter out) {
        GlueReader.refuse(in, "TransactionId", "ViewUpdateAction", "UpdateOpenTableFormatInput");
        Validator v = new Validator();
        CatalogRef c = GlueReader.catalog(context, in, v);
        String database = in.string("DatabaseName");
        String version = in.string("VersionId");
        GlueReader.requiredName(v, "databaseName", database);
        GlueReader.name(v, "name", in.string("Name"));
        GlueReader.name(v, "versionId", version);
        TableInput input = GlueReader.table(in.object("TableInput"), "table", v);
        v.check();
        catalog.updateTable(c, database, input, Boolean.TRUE.equals(in.bool("SkipArchive")), version);
    }

    void delete(RequestContext context, WireObject in, ResponseWriter out) {
        GlueReader.refuse(in, "TransactionId");
        Validator v = new Validator();
        CatalogRef c = GlueReader.catalog(context, in, v);
        String database = in.string("DatabaseName");
        String name = in.string("Name");
        GlueReader.requiredName(v, "databaseName", database);
        GlueReader.requiredName(v, "name", name).check();
        catalog.deleteTable(c, database, name);
    }
}
