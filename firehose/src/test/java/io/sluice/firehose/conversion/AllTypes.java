package io.sluice.firehose.conversion;

import io.sluice.firehose.config.ColumnarSerializer;
import io.sluice.firehose.config.ConversionSchema;
import io.sluice.firehose.config.DataFormatConversion;
import io.sluice.firehose.config.JsonDeserializer;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** A table with a column of every Hive type Glue tables use, and records that fill them. */
final class AllTypes {

    static final TableRef TABLE = new TableRef(null, null, "db", "all_types", null);

    static final TableSchema SCHEMA = new TableSchema("db", "all_types", "0", List.of(
            new TableSchema.Column("b", "boolean"),
            new TableSchema.Column("ti", "tinyint"),
            new TableSchema.Column("si", "smallint"),
            new TableSchema.Column("i", "int"),
            new TableSchema.Column("bi", "bigint"),
            new TableSchema.Column("f", "float"),
            new TableSchema.Column("d", "double"),
            new TableSchema.Column("s", "string"),
            new TableSchema.Column("c", "char(3)"),
            new TableSchema.Column("vc", "varchar(4)"),
            new TableSchema.Column("bin", "binary"),
            new TableSchema.Column("dec", "decimal(10,2)"),
            new TableSchema.Column("bigdec", "decimal(30,5)"),
            new TableSchema.Column("smalldec", "DECIMAL(5, 1)"),
            new TableSchema.Column("dt", "date"),
            new TableSchema.Column("ts", "timestamp"),
            new TableSchema.Column("arr", "array<int>"),
            new TableSchema.Column("m", "map<string,bigint>"),
            new TableSchema.Column("st", "struct<x:string,y:array<struct<z:double>>>"),
            new TableSchema.Column("nested", "map<string,array<string>>")));

    static final String FULL = """
            {"B":true,"ti":-5,"si":300,"i":123456,"bi":9007199254740993,"f":1.5,"d":2.25,"s":"h\u00e9llo",
             "c":"abcd","vc":"wxyz1","bin":"AQID","dec":"12.345","bigdec":1234567890123456789012.5,
             "smalldec":-3.14,"dt":"2024-02-29","ts":"2024-02-29T12:34:56.123456Z","arr":[1,null,3],
             "m":{"k1":1,"k2":null},"st":{"x":"a","y":[{"z":0.5}]},"nested":{"a":["x","y"]},"ignored":1}""";

    static final String EMPTY = "{}";

    private AllTypes() {
    }

    static TableSchemas schemas() {
        return table -> {
            if (!table.equals(TABLE)) {
                throw new SchemaUnavailableException("EntityNotFoundException", "no table " + table);
            }
            return SCHEMA;
        };
    }

    static DataFormatConversion conversion(JsonDeserializer deserializer, ColumnarSerializer serializer) {
        return new DataFormatConversion(true, new ConversionSchema("arn:aws:iam::000000000000:role/r", null, "db",
                "all_types", null, null), deserializer, serializer);
    }

    static JsonDeserializer openX() {
        return new JsonDeserializer.OpenX(false, true, Map.of());
    }

    static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
