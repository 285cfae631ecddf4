package io.sluice.server.glue;

import io.sluice.common.ErrorType;
import io.sluice.firehose.delivery.iceberg.IcebergCatalogs;
import io.sluice.glue.GlueCatalog;
import io.sluice.protocol.ResponseWriter;
import io.sluice.protocol.WireObject;
import io.sluice.server.http.ApiResponse;
import io.sluice.server.kinesis.RequestContext;
import io.sluice.server.pipeline.Api;
import io.sluice.server.pipeline.ApiCall;
import io.sluice.server.pipeline.ApiDefinition;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The AWS Glue Data Catalog API ({@code AWSGlue}, JSON 1.1) as it registers with the request pipeline: the
 * database, table and table version operations and database tags (IAM {@code glue:*}, signed for {@code glue}, audited as
 * {@code glue.amazonaws.com}), the catalogue, database and table ARNs each call acts on (IAM asks for all three on a
 * table call; the ARN given for the tag operations), and the actions. Thread-safe.
 */
public final class GlueService implements Api {

    /** The X-Amz-Target prefix, without the dot. */
    public static final String TARGET = "AWSGlue";

    public static final ApiDefinition DEFINITION = new ApiDefinition(TARGET, "glue", "glue", "glue.amazonaws.com",
            Set.of("CreateDatabase", "GetDatabase", "GetDatabases", "UpdateDatabase", "DeleteDatabase",
                    "CreateTable", "GetTable", "GetTables", "UpdateTable", "DeleteTable", "GetTableVersion",
                    "GetTableVersions", "DeleteTableVersion", "GetTags", "TagResource", "UntagResource"), Set.of(),
            Set.of("GetDatabase", "GetDatabases", "GetTable", "GetTables", "GetTableVersion", "GetTableVersions",
                    "GetTags"),
            false, ErrorType.GLUE_INTERNAL);

    private final Map<String, GlueAction> actions;

    /** The Glue API without Iceberg destinations' settings: Iceberg tables are created on local paths only. */
    public GlueService(GlueCatalog catalog) {
        this(catalog, IcebergCatalogs.NONE);
    }

    /** The Glue API; Iceberg tables are created through {@code iceberg}'s file IO. */
    public GlueService(GlueCatalog catalog, IcebergCatalogs iceberg) {
        DatabaseActions databases = new DatabaseActions(catalog);
        TableActions tables = new TableActions(catalog, new IcebergTableCreation(iceberg));
        VersionActions versions = new VersionActions(catalog);
        TagActions tags = new TagActions(catalog);
        this.actions = Map.ofEntries(
                Map.entry("CreateDatabase", databases::create),
                Map.entry("GetDatabase", databases::get),
                Map.entry("GetDatabases", databases::list),
                Map.entry("UpdateDatabase", databases::update),
                Map.entry("DeleteDatabase", databases::delete),
                Map.entry("CreateTable", tables::create),
                Map.entry("GetTable", tables::get),
                Map.entry("GetTables", tables::list),
                Map.entry("UpdateTable", tables::update),
                Map.entry("DeleteTable", tables::delete),
                Map.entry("GetTableVersion", versions::get),
                Map.entry("GetTableVersions", versions::list),
                Map.entry("DeleteTableVersion", versions::delete),
                Map.entry("GetTags", tags::get),
                Map.entry("TagResource", tags::tag),
                Map.entry("UntagResource", tags::untag));
        if (!actions.keySet().equals(DEFINITION.operations())) {
            throw new IllegalStateException("every Glue operation needs an action, and only those");
        }
    }

    @Override
    public ApiDefinition definition() {
        return DEFINITION;
    }

    /**
     * As Glue's IAM documents: the catalogue always, the database a call names (every database for
     * GetDatabases), and the table (every table of the database for GetTables).
     */
    @Override
    public List<String> resources(ApiCall call) {
        RequestContext context = call.caller().context();
        WireObject in = call.input();
        String resourceArn = in.string("ResourceArn");
        if (call.operation().equals("GetTags") || call.operation().endsWith("Resource")) {
            return List.of(resourceArn == null ? "*" : resourceArn);
        }
        String catalogId = in.string("CatalogId") == null ? context.account() : in.string("CatalogId");
        String base = "arn:aws:glue:" + context.region() + ":" + catalogId + ":";
        List<String> arns = new ArrayList<>(List.of(base + "catalog"));
        String operation = call.operation();
        if (operation.equals("GetDatabases")) {
            arns.add(base + "database/*");
            return arns;
        }
        String database = operation.endsWith("Database") ? databaseName(in) : in.string("DatabaseName");
        if (database == null) {
            return arns;
        }
        database = database.toLowerCase(Locale.ROOT);
        arns.add(base + "database/" + database);
        if (!operation.endsWith("Database")) {
            String table = tableName(in, operation);
            arns.add(base + "table/" + database + "/" + (table == null ? "*" : table.toLowerCase(Locale.ROOT)));
        }
        return arns;
    }

    private static String databaseName(WireObject in) {
        if (in.string("Name") != null) {
            return in.string("Name");
        }
        WireObject input = in.object("DatabaseInput");
        return input == null ? null : input.string("Name");
    }

    private static String tableName(WireObject in, String operation) {
        if (operation.equals("GetTables")) {
            return null;
        }
        if (in.string("TableName") != null) {
            return in.string("TableName");
        }
        if (in.string("Name") != null) {
            return in.string("Name");
        }
        WireObject input = in.object("TableInput");
        return input == null ? null : input.string("Name");
    }

    @Override
    public ApiResponse serve(ApiCall call) {
        ResponseWriter output = new ResponseWriter(call.format());
        actions.get(call.operation()).handle(call.caller().context(), call.input(), output);
        return ApiResponse.ok(call.format().contentType(), output.finish());
    }
}
