package io.sluice.server.glue;

import io.sluice.glue.CatalogRef;
import io.sluice.glue.Database;
import io.sluice.glue.DatabaseInput;
import io.sluice.glue.GlueCatalog;
import io.sluice.glue.Page;
import io.sluice.protocol.ResponseWriter;
import io.sluice.protocol.Validator;
import io.sluice.protocol.WireObject;
import io.sluice.server.kinesis.RequestContext;

import java.util.List;
import java.util.Map;

/** CreateDatabase, GetDatabase, GetDatabases, UpdateDatabase, DeleteDatabase. Thread-safe. */
final class DatabaseActions {

    private static final List<String> SHARE_TYPES = List.of("FOREIGN", "ALL", "FEDERATED");
    private static final List<String> DATABASE_ATTRIBUTES = List.of("NAME", "TARGET_DATABASE");

    private final GlueCatalog catalog;

    DatabaseActions(GlueCatalog catalog) {
        this.catalog = catalog;
    }

    void create(RequestContext context, WireObject in, ResponseWriter out) {
        Validator v = new Validator();
        CatalogRef c = GlueReader.catalog(context, in, v);
        DatabaseInput input = GlueReader.database(in.object("DatabaseInput"), "databaseInput", v);
        Map<String, String> tags = in.stringMap("Tags");
        TagActions.tags(v, "tags", tags).check();
        catalog.createDatabase(c, input, tags);
    }

    void get(RequestContext context, WireObject in, ResponseWriter out) {
        Validator v = new Validator();
        CatalogRef c = GlueReader.catalog(context, in, v);
        String name = in.string("Name");
        GlueReader.requiredName(v, "name", name).check();
        GlueWriter.database(out, "Database", catalog.getDatabase(c, name), false);
    }

    void list(RequestContext context, WireObject in, ResponseWriter out) {
        Validator v = new Validator();
        CatalogRef c = GlueReader.catalog(context, in, v);
        Integer max = in.integer("MaxResults");
        String share = in.string("ResourceShareType");
        List<String> attributes = in.strings("AttributesToGet");
        v.range("maxResults", max, 1, 100).oneOf("resourceShareType", share, SHARE_TYPES);
        for (int i = 0; attributes != null && i < attributes.size(); i++) {
            v.oneOf("attributesToGet." + (i + 1) + ".member", attributes.get(i), DATABASE_ATTRIBUTES);
        }
        v.check();
        // Sluice has no databases shared from other accounts or federated sources
        Page<Database> page = "FOREIGN".equals(share) || "FEDERATED".equals(share) ? new Page<>(List.of(), null)
                : catalog.getDatabases(c, in.string("NextToken"), max == null ? GlueCatalog.DEFAULT_PAGE : max);
        boolean namesOnly = attributes != null && !attributes.isEmpty();
        out.startArray("DatabaseList");
        page.items().forEach(db -> GlueWriter.database(out, null, db, namesOnly));
        out.endArray().string("NextToken", page.nextToken());
    }

    void update(RequestContext context, WireObject in, ResponseWriter out) {
        Validator v = new Validator();
        CatalogRef c = GlueReader.catalog(context, in, v);
        String name = in.string("Name");
        GlueReader.requiredName(v, "name", name);
        DatabaseInput input = GlueReader.database(in.object("DatabaseInput"), "databaseInput", v);
        v.check();
        catalog.updateDatabase(c, name, input);
    }

    void delete(RequestContext context, WireObject in, ResponseWriter out) {
        Validator v = new Validator();
        CatalogRef c = GlueReader.catalog(context, in, v);
        String name = in.string("Name");
        GlueReader.requiredName(v, "name", name).check();
        catalog.deleteDatabase(c, name);
    }
}
