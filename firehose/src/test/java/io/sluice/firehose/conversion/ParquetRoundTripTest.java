package io.sluice.firehose.conversion;

import io.sluice.firehose.config.ColumnarSerializer;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalInputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ParquetRoundTripTest {

    @TempDir
    java.nio.file.Path dir;

    private java.nio.file.Path write(ColumnarSerializer.Parquet serde) throws Exception {
        RecordConverter converter = new RecordConverter(AllTypes.conversion(AllTypes.openX(), serde),
                AllTypes.schemas());
        RecordConverter.Converted converted = converter.convert(List.of(AllTypes.bytes(AllTypes.FULL),
                AllTypes.bytes(AllTypes.EMPTY)));
        assertThat(converted.failures()).isEmpty();
        assertThat(converted.rows()).isEqualTo(2);
        java.nio.file.Path file = dir.resolve("out.parquet");
        Files.write(file, converted.file());
        return file;
    }

    @Test
    void everyHiveTypeReadsBackWithParquetsOwnReader() throws Exception {
        java.nio.file.Path file = write(ColumnarSerializer.Parquet.DEFAULT);
        try (ParquetReader<Group> reader = new GroupReaderBuilder(new LocalInputFile(file)).build()) {
            Group row = reader.read();
            assertThat(row.getBoolean("b", 0)).isTrue();
            assertThat(row.getInteger("ti", 0)).isEqualTo(-5);
            assertThat(row.getInteger("si", 0)).isEqualTo(300);
            assertThat(row.getInteger("i", 0)).isEqualTo(123456);
            assertThat(row.getLong("bi", 0)).isEqualTo(9007199254740993L);
            assertThat(row.getFloat("f", 0)).isEqualTo(1.5f);
            assertThat(row.getDouble("d", 0)).isEqualTo(2.25);
            assertThat(row.getString("s", 0)).isEqualTo("h\u00e9llo");
            assertThat(row.getString("c", 0)).isEqualTo("abc");
            assertThat(row.getString("vc", 0)).isEqualTo("wxyz");
            assertThat(row.getBinary("bin", 0).getBytes()).containsExactly(1, 2, 3);
            assertThat(row.getLong("dec", 0)).isEqualTo(1235);
            assertThat(row.getInteger("smalldec", 0)).isEqualTo(-31);
            assertThat(row.getInteger("dt", 0)).isEqualTo(19782);
            assertThat(row.getLong("ts", 0)).isEqualTo(1709210096123456L);
            Group list = row.getGroup("arr", 0);
            assertThat(list.getFieldRepetitionCount("list")).isEqualTo(3);
            assertThat(list.getGroup("list", 1).getFieldRepetitionCount("element")).isZero();
            assertThat(row.getGroup("st", 0).getString("x", 0)).isEqualTo("a");
            Group empty = reader.read();
            assertThat(empty.getFieldRepetitionCount("b")).isZero();
            assertThat(reader.read()).isNull();
        }
        try (ParquetFileReader footer = ParquetFileReader.open(new LocalInputFile(file))) {
            assertThat(footer.getRowGroups().getFirst().getColumns().getFirst().getCodec())
                    .isEqualTo(CompressionCodecName.SNAPPY);
        }
    }

    @Test
    void everyHiveTypeReadsBackWithDuckDb() throws Exception {
        for (String codec : List.of("SNAPPY", "GZIP", "UNCOMPRESSED")) {
            for (String version : List.of("V1", "V2")) {
                java.nio.file.Path file = write(new ColumnarSerializer.Parquet(64 << 20, 64 << 10, codec, true, 0,
                        version));
                List<List<String>> rows = duckDb(file);
                assertThat(rows).hasSize(2);
                assertThat(rows.get(0)).containsExactly("true", "-5", "300", "123456", "9007199254740993", "1.5",
                        "2.25", "h\u00e9llo", "abc", "wxyz", "\\x01\\x02\\x03", "12.35",
                        "1234567890123456789012.50000", "-3.1", "2024-02-29", "2024-02-29 12:34:56.123456",
                        "[1, NULL, 3]", "{k1=1, k2=NULL}", "{'x': a, 'y': [{'z': 0.5}]}", "{a=[x, y]}");
                assertThat(rows.get(1)).allMatch(value -> value == null);
                Files.delete(file);
            }
        }
    }

    /** parquet-java's example Group reader on a local file (no Hadoop file system). */
    private static final class GroupReaderBuilder extends ParquetReader.Builder<Group> {

        GroupReaderBuilder(InputFile file) {
            super(file, new PlainParquetConfiguration());
        }

        @Override
        protected ReadSupport<Group> getReadSupport() {
            return new GroupReadSupport();
        }
    }

    private static List<List<String>> duckDb(java.nio.file.Path file) throws Exception {
        List<List<String>> rows = new ArrayList<>();
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
             Statement statement = db.createStatement();
             ResultSet rs = statement.executeQuery("SELECT COLUMNS(*)::VARCHAR FROM read_parquet('" + file + "')")) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.add(rs.getString(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }
}
