package io.sluice.firehose.conversion;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.firehose.config.ColumnarSerializer;
import io.sluice.firehose.config.JsonDeserializer;
import org.apache.orc.TypeDescription;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SerDeBehaviourTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeDescription TABLE = TypeDescription.fromString(
            "struct<user_id:bigint,event_name:string,ts:timestamp>");

    private static Object[] read(JsonDeserializer deserializer, String json) throws Exception {
        TimestampReader timestamps = deserializer instanceof JsonDeserializer.Hive hive
                ? TimestampReader.hive(hive.timestampFormats()) : TimestampReader.openX();
        return new ValueReader(KeyMatching.of(deserializer), timestamps).struct(TABLE, JSON.readTree(json));
    }

    private static long micros(JsonDeserializer deserializer, String timestamp) throws Exception {
        return (Long) read(deserializer, "{\"ts\":" + timestamp + "}")[2];
    }

    @Test
    void openXMatchesKeysIgnoringCaseUnlessToldNot() throws Exception {
        String json = "{\"User_ID\":7,\"EVENT_NAME\":\"click\"}";
        assertThat(read(new JsonDeserializer.OpenX(false, true, Map.of()), json)).containsExactly(7L, "click", null);
        assertThat(read(new JsonDeserializer.OpenX(false, false, Map.of()), json)).containsExactly(null, null, null);
    }

    @Test
    void openXReadsDotsAsUnderscoresOnlyWhenAsked() throws Exception {
        String json = "{\"user.id\":7,\"event.name\":\"view\"}";
        assertThat(read(new JsonDeserializer.OpenX(true, true, Map.of()), json)).containsExactly(7L, "view", null);
        assertThat(read(new JsonDeserializer.OpenX(false, true, Map.of()), json)).containsExactly(null, null, null);
    }

    @Test
    void columnToJsonKeyMappingsFillColumnsFromOtherKeys() throws Exception {
        JsonDeserializer openX = new JsonDeserializer.OpenX(false, true, Map.of("event_name", "@type"));
        assertThat(read(openX, "{\"user_id\":1,\"@type\":\"buy\",\"event_name\":\"ignored\"}"))
                .containsExactly(1L, "buy", null);
    }

    @Test
    void hiveMatchesKeysIgnoringCase() throws Exception {
        assertThat(read(new JsonDeserializer.Hive(List.of()), "{\"USER_ID\":\"12\"}")).containsExactly(12L, null,
                null);
    }

    @Test
    void openXReadsItsDocumentedTimestampForms() throws Exception {
        JsonDeserializer openX = new JsonDeserializer.OpenX(false, true, Map.of());
        long expected = 1486480381392560L; // 2017-02-07T15:13:01.39256Z
        assertThat(micros(openX, "\"2017-02-07T15:13:01.39256Z\"")).isEqualTo(expected);
        assertThat(micros(openX, "\"2017-2-7 15:13:01.39256\"")).isEqualTo(expected);
        assertThat(micros(openX, "1486480381")).isEqualTo(1486480381000000L);
        assertThat(micros(openX, "1486480381392")).isEqualTo(1486480381392000L);
        assertThat(micros(openX, "1486480381.392")).isEqualTo(1486480381392000L);
        assertThat(micros(openX, "\"1486480381\"")).isEqualTo(1486480381000000L);
        assertThat(micros(openX, "\"2017-02-07T16:13:01.39256+01:00\"")).isEqualTo(expected);
    }

    @Test
    void hiveTriesItsJodaFormatsInOrderThenMillisThenTheDefault() throws Exception {
        JsonDeserializer hive = new JsonDeserializer.Hive(List.of("dd/MM/yyyy HH:mm:ss Z", "millis"));
        assertThat(micros(hive, "\"07/02/2017 16:13:01 +0100\"")).isEqualTo(1486480381000000L);
        assertThat(micros(hive, "1486480381392")).isEqualTo(1486480381392000L);
        assertThat(micros(hive, "\"2017-02-07 15:13:01.5\"")).isEqualTo(1486480381500000L);
        JsonDeserializer byDefault = new JsonDeserializer.Hive(List.of());
        assertThatThrownBy(() -> micros(byDefault, "1486480381392")).isInstanceOf(ConversionException.class)
                .hasMessageContaining("millis");
        assertThatThrownBy(() -> micros(byDefault, "\"07/02/2017\"")).isInstanceOf(ConversionException.class);
    }

    @Test
    void recordsThatDoNotFitAreReportedAndTheOthersConverted() throws Exception {
        TableSchemas schemas = table -> new TableSchema("db", "t", "1",
                List.of(new TableSchema.Column("id", "int"), new TableSchema.Column("name", "varchar(8)")));
        RecordConverter converter = new RecordConverter(AllTypes.conversion(AllTypes.openX(),
                ColumnarSerializer.Parquet.DEFAULT), schemas);
        RecordConverter.Converted converted = converter.convert(List.of(
                AllTypes.bytes("{\"id\":1}{\"id\":2} {\"id\":3}"),
                AllTypes.bytes("[{\"id\":4}]"),
                AllTypes.bytes("{\"id\":\"five\"}"),
                AllTypes.bytes("{\"id\":2147483648}"),
                AllTypes.bytes("{\"id\":6"),
                AllTypes.bytes("{\"id\":7}")));
        assertThat(converted.rows()).isEqualTo(4);
        assertThat(converted.failures()).extracting(RecordConverter.Failure::index).containsExactly(1, 2, 3, 4);
        assertThat(converted.failures()).allMatch(f -> f.errorCode().equals(ConversionException.MALFORMED_DATA));
        assertThat(converted.failures().get(0).errorMessage()).contains("array");
        assertThat(converted.failures().get(1).errorMessage()).contains("id", "five", "int");
    }

    @Test
    void aTableThatCannotBeReadFailsTheBatchWithTheCatalogsCode() {
        RecordConverter missing = new RecordConverter(AllTypes.conversion(AllTypes.openX(),
                ColumnarSerializer.Parquet.DEFAULT), TableSchemas.NONE);
        assertThatThrownBy(() -> missing.convert(List.of(AllTypes.bytes("{}"))))
                .isInstanceOfSatisfying(ConversionException.class, e ->
                        assertThat(e.code()).isEqualTo("DataFormatConversion.EntityNotFound"));
        RecordConverter badType = new RecordConverter(AllTypes.conversion(AllTypes.openX(),
                ColumnarSerializer.Parquet.DEFAULT), table -> new TableSchema("db", "t", "1",
                List.of(new TableSchema.Column("u", "uniontype<int,string>"))));
        assertThatThrownBy(() -> badType.convert(List.of(AllTypes.bytes("{}"))))
                .isInstanceOfSatisfying(ConversionException.class, e ->
                        assertThat(e.code()).isEqualTo(ConversionException.INVALID_SCHEMA));
    }

    @Test
    void hiveTypeNamesReadAsGlueWritesThem() throws Exception {
        assertThat(HiveTypes.parse("DECIMAL").toString()).isEqualTo("decimal(10,0)");
        assertThat(HiveTypes.parse("array< struct< a:int, b:map<string,decimal(38,18)> > >").toString())
                .isEqualTo("array<struct<a:int,b:map<string,decimal(38,18)>>>");
        assertThatThrownBy(() -> HiveTypes.parse("number")).isInstanceOf(ConversionException.class);
    }
}
