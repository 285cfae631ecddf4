package io.sluice.firehose.conversion;

import io.sluice.firehose.config.ColumnarSerializer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hive.ql.exec.vector.BytesColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.DecimalColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.DoubleColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.ListColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.LongColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.MapColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.StructColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.TimestampColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;
import org.apache.orc.CompressionKind;
import org.apache.orc.OrcFile;
import org.apache.orc.Reader;
import org.apache.orc.RecordReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class OrcRoundTripTest {

    @TempDir
    java.nio.file.Path dir;

    @Test
    void everyHiveTypeReadsBackWithOrcsOwnReader() throws Exception {
        for (String codec : List.of("SNAPPY", "ZLIB", "NONE")) {
            ColumnarSerializer.Orc serde = new ColumnarSerializer.Orc(8 << 20, 64 << 20, 1000, true, 0.05, codec,
                    List.of("s", "i"), 0.05, 0.8, "V0_12");
            RecordConverter.Converted converted = new RecordConverter(AllTypes.conversion(AllTypes.openX(), serde),
                    AllTypes.schemas()).convert(List.of(AllTypes.bytes(AllTypes.FULL), AllTypes.bytes(AllTypes.EMPTY)));
            java.nio.file.Path file = dir.resolve(codec + ".orc");
            Files.write(file, converted.file());
            Configuration conf = new Configuration(false);
            try (Reader reader = OrcFile.createReader(new Path(file.toUri()),
                    OrcFile.readerOptions(conf).filesystem(OrcWriting.localFileSystem(conf)));
                 RecordReader rows = reader.rows()) {
                assertThat(reader.getCompressionKind()).isEqualTo(CompressionKind.valueOf(codec));
                assertThat(reader.getSchema().toString()).isEqualTo("struct<b:boolean,ti:tinyint,si:smallint,i:int,"
                        + "bi:bigint,f:float,d:double,s:string,c:char(3),vc:varchar(4),bin:binary,dec:decimal(10,2),"
                        + "bigdec:decimal(30,5),smalldec:decimal(5,1),dt:date,ts:timestamp,arr:array<int>,"
                        + "m:map<string,bigint>,st:struct<x:string,y:array<struct<z:double>>>,"
                        + "nested:map<string,array<string>>>");
                VectorizedRowBatch batch = reader.getSchema().createRowBatch();
                assertThat(rows.nextBatch(batch)).isTrue();
                assertThat(batch.size).isEqualTo(2);
                assertThat(((LongColumnVector) batch.cols[0]).vector[0]).isEqualTo(1);
                assertThat(((LongColumnVector) batch.cols[1]).vector[0]).isEqualTo(-5);
                assertThat(((LongColumnVector) batch.cols[2]).vector[0]).isEqualTo(300);
                assertThat(((LongColumnVector) batch.cols[3]).vector[0]).isEqualTo(123456);
                assertThat(((LongColumnVector) batch.cols[4]).vector[0]).isEqualTo(9007199254740993L);
                assertThat(((DoubleColumnVector) batch.cols[5]).vector[0]).isEqualTo(1.5);
                assertThat(((DoubleColumnVector) batch.cols[6]).vector[0]).isEqualTo(2.25);
                assertThat(((BytesColumnVector) batch.cols[7]).toString(0)).isEqualTo("h\u00e9llo");
                assertThat(((BytesColumnVector) batch.cols[8]).toString(0)).isEqualTo("abc");
                assertThat(((BytesColumnVector) batch.cols[9]).toString(0)).isEqualTo("wxyz");
                BytesColumnVector bin = (BytesColumnVector) batch.cols[10];
                assertThat(new String(bin.vector[0], bin.start[0], bin.length[0], StandardCharsets.ISO_8859_1))
                        .isEqualTo("\u0001\u0002\u0003");
                assertThat(((DecimalColumnVector) batch.cols[11]).vector[0].toString()).isEqualTo("12.35");
                assertThat(((DecimalColumnVector) batch.cols[12]).vector[0].getHiveDecimal().bigDecimalValue())
                        .isEqualByComparingTo("1234567890123456789012.5");
                assertThat(((DecimalColumnVector) batch.cols[13]).vector[0].toString()).isEqualTo("-3.1");
                assertThat(((LongColumnVector) batch.cols[14]).vector[0]).isEqualTo(19782);
                TimestampColumnVector ts = (TimestampColumnVector) batch.cols[15];
                assertThat(ts.time[0]).isEqualTo(1709210096123L);
                assertThat(ts.nanos[0]).isEqualTo(123456000);
                ListColumnVector arr = (ListColumnVector) batch.cols[16];
                assertThat(arr.lengths[0]).isEqualTo(3);
                assertThat(arr.child.isNull[(int) arr.offsets[0] + 1]).isTrue();
                assertThat(((LongColumnVector) arr.child).vector[(int) arr.offsets[0] + 2]).isEqualTo(3);
                MapColumnVector m = (MapColumnVector) batch.cols[17];
                assertThat(m.lengths[0]).isEqualTo(2);
                assertThat(((BytesColumnVector) m.keys).toString((int) m.offsets[0])).isEqualTo("k1");
                StructColumnVector st = (StructColumnVector) batch.cols[18];
                assertThat(((BytesColumnVector) st.fields[0]).toString(0)).isEqualTo("a");
                for (int c = 0; c < batch.cols.length; c++) {
                    assertThat(batch.cols[c].isNull[1]).as("column %d of the empty row", c).isTrue();
                }
            }
        }
    }
}
