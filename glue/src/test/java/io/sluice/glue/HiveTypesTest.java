package io.sluice.glue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HiveTypesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "int|int", "INTEGER|integer", "BigInt|bigint", "tinyint|tinyint", "smallint|smallint",
            "float|float", "double|double", "boolean|boolean", "string|string", "binary|binary",
            "timestamp|timestamp", "date|date", "decimal|decimal", "decimal(10)|decimal(10)",
            "DECIMAL( 38 , 18 )|decimal(38,18)", "char(1)|char(1)", "varchar(65535)|varchar(65535)",
            "array<string>|array<string>", "ARRAY < MAP<string, array<int>> >|array<map<string,array<int>>>",
            "struct<a:int,B_2:string>|struct<a:int,B_2:string>",
            "struct< `odd name`: decimal(5,2), inner: struct<x:date> >|struct<`odd name`:decimal(5,2),inner:struct<x:date>>",
            "map<decimal(4,1),timestamp>|map<decimal(4,1),timestamp>", "uniontype<int,string>|uniontype<int,string>"})
    void validTypesGetOneSpelling(String type, String canonical) {
        assertThat(HiveTypes.canonical(type)).isEqualTo(canonical);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "text", "int int", "decimal(0)", "decimal(39,2)", "decimal(5,6)", "decimal(5,)",
            "char", "char(0)", "char(256)", "varchar(65536)", "array<>", "array<int", "array<int>>", "map<int>",
            "map<array<int>,int>", "struct<>", "struct<a int>", "struct<a:>", "struct<:int>", "struct<`a:int>",
            "map<string,int", "varchar(9999999999)"})
    void invalidTypesAreRefusedWithWhere(String type) {
        assertThatThrownBy(() -> HiveTypes.canonical(type)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Invalid type '" + type + "' at position");
    }
}
