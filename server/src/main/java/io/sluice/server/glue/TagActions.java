package io.sluice.server.glue;

import io.sluice.common.ErrorType;
import io.sluice.common.ServiceException;
import io.sluice.glue.CatalogRef;
import io.sluice.glue.DatabaseTags;
import io.sluice.glue.GlueCatalog;
import io.sluice.protocol.ResponseWriter;
import io.sluice.protocol.Validator;
import io.sluice.protocol.WireObject;
import io.sluice.server.kinesis.RequestContext;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GetTags, TagResource, UntagResource on databases ({@code arn:aws:glue:<region>:<catalog>:database/<name>}), and
 * CreateDatabase's Tags: what Terraform's {@code aws_glue_catalog_database} reads and writes. The ARN's region
 * must be the caller's (catalogues are per region). Other Glue resources have no tags in Sluice
 * (InvalidInputException). Thread-safe.
 */
final class TagActions {

    static final Pattern ARN = Pattern.compile("arn:aws(-(cn|us-gov|iso(-[bef])?))?:glue:.*");
    private static final Pattern DATABASE_ARN = Pattern.compile("arn:aws[a-z-]*:glue:([^:]*):([^:]*):database/(.+)");

    private final GlueCatalog catalog;

    TagActions(GlueCatalog catalog) {
        this.catalog = catalog;
    }

    void get(RequestContext context, WireObject in, ResponseWriter out) {
        String arn = in.string("ResourceArn");
        arn(new Validator(), arn).check();
        Matcher database = database(context, arn);
        out.startObject("Tags");
        new TreeMap<>(catalog.tags().get(catalog(database), database.group(3))).forEach(out::string);
        out.endObject();
    }

    void tag(RequestContext context, WireObject in, ResponseWriter out) {
        String arn = in.string("ResourceArn");
        Map<String, String> tags = in.stringMap("TagsToAdd");
        Validator v = arn(new Validator(), arn).required("tagsToAdd", tags);
        tags(v, "tagsToAdd", tags).check();
        Matcher database = database(context, arn);
        catalog.tags().add(catalog(database), database.group(3), tags);
    }

    void untag(RequestContext context, WireObject in, ResponseWriter out) {
        String arn = in.string("ResourceArn");
        List<String> keys = in.strings("TagsToRemove");
        Validator v = arn(new Validator(), arn).required("tagsToRemove", keys).size("tagsToRemove", keys, 0, 50);
        for (int i = 0; keys != null && i < keys.size(); i++) {
            v.length("tagsToRemove." + (i + 1) + ".member", keys.get(i), 1, 128);
        }
        v.check();
        Matcher database = database(context, arn);
        catalog.tags().remove(catalog(database), database.group(3), keys);
    }

    /** Checks a TagsMap (at most 50; keys 1 to 128 characters, values up to 256) into {@code v}. */
    static Validator tags(Validator v, String path, Map<String, String> tags) {
        if (tags != null) {
            v.size(path, tags.keySet(), 0, DatabaseTags.MAX_TAGS);
            tags.forEach((key, value) -> v.length(path + ".key", key, 1, 128).length(path + ".value", value, 0,
                    256));
        }
        return v;
    }

    private static Validator arn(Validator v, String arn) {
        return v.required("resourceArn", arn).length("resourceArn", arn, 1, 10240).pattern("resourceArn", arn, ARN);
    }

    private static Matcher database(RequestContext context, String arn) {
        Matcher m = DATABASE_ARN.matcher(arn);
        if (!m.matches()) {
            throw new ServiceException(ErrorType.INVALID_INPUT, "Only databases have tags in Sluice's Glue Data "
                    + "Catalog, not " + arn + ".");
        }
        if (!m.group(1).equals(context.region())) {
            throw new ServiceException(ErrorType.ENTITY_NOT_FOUND, "Database " + m.group(3) + " not found in "
                    + context.region() + ".");
        }
        return m;
    }

    private static CatalogRef catalog(Matcher database) {
        return new CatalogRef(database.group(2), database.group(1));
    }
}
