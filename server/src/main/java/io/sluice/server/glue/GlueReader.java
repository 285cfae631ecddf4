package io.sluice.server.glue;

import io.sluice.common.ErrorType;
import io.sluice.common.ServiceException;
import io.sluice.glue.CatalogRef;
import io.sluice.glue.Column;
import io.sluice.glue.DatabaseInput;
import io.sluice.glue.SerDeInfo;
import io.sluice.glue.SkewedInfo;
import io.sluice.glue.SortOrder;
import io.sluice.glue.StorageDescriptor;
import io.sluice.glue.TableInput;
import io.sluice.protocol.Validator;
import io.sluice.protocol.WireObject;
import io.sluice.server.kinesis.RequestContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads Glue's input structures (DatabaseInput, TableInput and what it holds), checking them against the model's
 * constraints into a {@link Validator} (ValidationException, as AWS answers them). Members Sluice does not model
 * (resource links, Lake Formation, views' definitions, open table formats, schema registry references) are
 * refused by name with InvalidInputException rather than dropped. Stateless.
 */
final class GlueReader {

    /** The model's single-line string: any character but the line breaks and other control characters. */
    static final Pattern SINGLE_LINE = Pattern.compile(
            "[\\u0020-\\uD7FF\\uE000-\\uFFFD\\uD800\\uDC00-\\uDBFF\\uDFFF\\t]*");
    static final Pattern MULTI_LINE = Pattern.compile(
            "[\\u0020-\\uD7FF\\uE000-\\uFFFD\\uD800\\uDC00-\\uDBFF\\uDFFF\\r\\n\\t]*");
    /** Lake Formation's default grant, which means "IAM permissions only": what Sluice does. */
    static final String IAM_ONLY = "IAM_ALLOWED_PRINCIPALS";

    private GlueReader() {
    }

    /** The catalogue a call names: its CatalogId, or the caller's account, in the caller's region. */
    static CatalogRef catalog(RequestContext context, WireObject in, Validator v) {
        String id = in.string("CatalogId");
        name(v, "catalogId", id);
        return new CatalogRef(id == null ? context.account() : id, context.region());
    }

    static Validator name(Validator v, String path, String value) {
        return v.length(path, value, 1, 255).pattern(path, value, SINGLE_LINE);
    }

    static Validator requiredName(Validator v, String path, String value) {
        return name(v.required(path, value), path, value);
    }

    /** Refuses, by name, members of {@code in} that Sluice does not model. */
    static void refuse(WireObject in, String... members) {
        for (String member : members) {
            if (in != null && in.has(member)) {
                throw new ServiceException(ErrorType.INVALID_INPUT, member + " is not supported by Sluice's Glue "
                        + "Data Catalog.");
            }
        }
    }

    static DatabaseInput database(WireObject in, String path, Validator v) {
        v.required(path, in);
        if (in == null) {
            return null;
        }
        refuse(in, "TargetDatabase", "FederatedDatabase");
        List<WireObject> grants = in.objects("CreateTableDefaultPermissions");
        for (WireObject grant : grants == null ? List.<WireObject>of() : grants) {
            WireObject principal = grant.object("Principal");
            if (principal == null || !IAM_ONLY.equals(principal.string("DataLakePrincipalIdentifier"))) {
                throw new ServiceException(ErrorType.INVALID_INPUT, "CreateTableDefaultPermissions other than "
                        + IAM_ONLY + " (IAM permissions only) are not supported by Sluice's Glue Data Catalog.");
            }
        }
        String name = in.string("Name");
        String description = in.string("Description");
        String location = in.string("LocationUri");
        requiredName(v, path + ".name", name).length(path + ".description", description, 0, 2048)
                .pattern(path + ".description", description, MULTI_LINE)
                .length(path + ".locationUri", location, 1, 1024).pattern(path + ".locationUri", location, MULTI_LINE);
        return new DatabaseInput(name, description, location, in.stringMap("Parameters"));
    }

    static TableInput table(WireObject in, String path, Validator v) {
        v.required(path, in);
        if (in == null) {
            return null;
        }
        refuse(in, "TargetTable", "ViewDefinition");
        String name = in.string("Name");
        String description = in.string("Description");
        String owner = in.string("Owner");
        Integer retention = in.integer("Retention");
        String original = in.string("ViewOriginalText");
        String expanded = in.string("ViewExpandedText");
        String type = in.string("TableType");
        requiredName(v, path + ".name", name).length(path + ".description", description, 0, 2048)
                .pattern(path + ".description", description, MULTI_LINE);
        name(v, path + ".owner", owner).range(path + ".retention", retention, 0, Integer.MAX_VALUE)
                .length(path + ".viewOriginalText", original, 0, 409600)
                .length(path + ".viewExpandedText", expanded, 0, 409600).length(path + ".tableType", type, 0, 255);
        WireObject sd = in.object("StorageDescriptor");
        return new TableInput(name, description, owner, in.timestampMillis("LastAccessTime"),
                in.timestampMillis("LastAnalyzedTime"), retention,
                sd == null ? null : storage(sd, path + ".storageDescriptor", v),
                columns(in.objects("PartitionKeys"), path + ".partitionKeys", v), original, expanded, type,
                in.stringMap("Parameters"));
    }

    private static StorageDescriptor storage(WireObject in, String path, Validator v) {
        refuse(in, "SchemaReference");
        String location = in.string("Location");
        String inputFormat = in.string("InputFormat");
        String outputFormat = in.string("OutputFormat");
        v.length(path + ".location", location, 0, 2056).pattern(path + ".location", location, MULTI_LINE)
                .length(path + ".inputFormat", inputFormat, 0, 128)
                .pattern(path + ".inputFormat", inputFormat, SINGLE_LINE)
                .length(path + ".outputFormat", outputFormat, 0, 128)
                .pattern(path + ".outputFormat", outputFormat, SINGLE_LINE);
        WireObject serde = in.object("SerdeInfo");
        SerDeInfo serdeInfo = null;
        if (serde != null) {
            name(v, path + ".serdeInfo.name", serde.string("Name"));
            name(v, path + ".serdeInfo.serializationLibrary", serde.string("SerializationLibrary"));
            serdeInfo = new SerDeInfo(serde.string("Name"), serde.string("SerializationLibrary"),
                    serde.stringMap("Parameters"));
        }
        List<SortOrder> sorts = null;
        List<WireObject> sortItems = in.objects("SortColumns");
        if (sortItems != null) {
            sorts = new ArrayList<>();
            for (int i = 0; i < sortItems.size(); i++) {
                String p = path + ".sortColumns." + (i + 1) + ".member";
                String column = sortItems.get(i).string("Column");
                Integer order = sortItems.get(i).integer("SortOrder");
                requiredName(v, p + ".column", column).required(p + ".sortOrder", order)
                        .range(p + ".sortOrder", order, 0, 1);
                sorts.add(new SortOrder(column, order == null ? 0 : order));
            }
        }
        WireObject skewed = in.object("SkewedInfo");
        SkewedInfo skewedInfo = skewed == null ? null : new SkewedInfo(skewed.strings("SkewedColumnNames"),
                skewed.strings("SkewedColumnValues"), skewed.stringMap("SkewedColumnValueLocationMaps"));
        return new StorageDescriptor(columns(in.objects("Columns"), path + ".columns", v), location,
                in.strings("AdditionalLocations"), inputFormat, outputFormat,
                Boolean.TRUE.equals(in.bool("Compressed")), in.integer("NumberOfBuckets"), serdeInfo,
                in.strings("BucketColumns"), sorts, in.stringMap("Parameters"), skewedInfo,
                Boolean.TRUE.equals(in.bool("StoredAsSubDirectories")));
    }

    private static List<Column> columns(List<WireObject> items, String path, Validator v) {
        if (items == null) {
            return null;
        }
        List<Column> columns = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            String p = path + "." + (i + 1) + ".member";
            WireObject item = items.get(i);
            String name = item.string("Name");
            String type = item.string("Type");
            String comment = item.string("Comment");
            requiredName(v, p + ".name", name).length(p + ".type", type, 0, 131072)
                    .pattern(p + ".type", type, SINGLE_LINE).length(p + ".comment", comment, 0, 255)
                    .pattern(p + ".comment", comment, SINGLE_LINE);
            Map<String, String> parameters = item.stringMap("Parameters");
            columns.add(new Column(name == null ? "" : name, type, comment, parameters));
        }
        return columns;
    }
}
