package io.sluice.e2e;

import io.sluice.testkit.SluiceServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.AlreadyExistsException;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.GetTablesResponse;
import software.amazon.awssdk.services.glue.model.InvalidInputException;
import software.amazon.awssdk.services.glue.model.SerDeInfo;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.glue.model.TableInput;
import software.amazon.awssdk.services.glue.model.TableVersion;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Glue Data Catalog through real clients against a real server: the AWS SDK for Java v2's Glue client
 * (databases, tables with Hive types, versions, paging through the SDK's paginator, Glue's errors) and boto3
 * (boto3_glue.py: the calls a team's scripts make to define a Firehose schema, and a bad input) and the AWS CLI
 * (cli_glue.sh).
 */
class GlueE2eTest {

    @RegisterExtension
    static final SluiceServerExtension SERVER = new SluiceServerExtension();

    private static final Path SCRIPTS = Path.of(System.getProperty("sluice.python.dir", "src/test/python"));

    private static GlueClient glue() {
        return GlueClient.builder().endpointOverride(SERVER.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDSLUICETEST",
                        "secret")))
                .httpClientBuilder(ApacheHttpClient.builder()).build();
    }

    private static TableInput table(String name, String idType) {
        return TableInput.builder().name(name).tableType("EXTERNAL_TABLE")
                .partitionKeys(Column.builder().name("dt").type("string").build())
                .storageDescriptor(StorageDescriptor.builder().location("s3://lake/" + name + "/")
                        .columns(Column.builder().name("Id").type(idType).build(),
                                Column.builder().name("tags").type("map<string,array<string>>").build(),
                                Column.builder().name("price").type("decimal(12,2)").build())
                        .serdeInfo(SerDeInfo.builder().serializationLibrary("org.openx.data.jsonserde.JsonSerDe")
                                .build()).build())
                .build();
    }

    @Test
    void theJavaSdkDefinesAndReadsTablesWithGluesErrors() {
        try (GlueClient glue = glue()) {
            glue.createDatabase(b -> b.databaseInput(d -> d.name("SdkLake").description("from the SDK")));
            assertThat(glue.getDatabase(b -> b.name("sdklake")).database().description()).isEqualTo("from the SDK");
            for (int i = 0; i < 5; i++) {
                String name = "events_" + i;
                glue.createTable(b -> b.databaseName("sdklake").tableInput(table(name, "bigint")));
            }
            Table events = glue.getTable(b -> b.databaseName("SDKLAKE").name("Events_0")).table();
            assertThat(events.name()).isEqualTo("events_0");
            assertThat(events.versionId()).isEqualTo("0");
            assertThat(events.createTime()).isNotNull();
            assertThat(events.storageDescriptor().columns()).extracting(Column::name, Column::type)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("id", "bigint"),
                            org.assertj.core.groups.Tuple.tuple("tags", "map<string,array<string>>"),
                            org.assertj.core.groups.Tuple.tuple("price", "decimal(12,2)"));

            List<String> names = glue.getTablesPaginator(b -> b.databaseName("sdklake").maxResults(2)).stream()
                    .flatMap(page -> page.tableList().stream()).map(Table::name).toList();
            assertThat(names).containsExactly("events_0", "events_1", "events_2", "events_3", "events_4");
            GetTablesResponse filtered = glue.getTables(b -> b.databaseName("sdklake").expression("events_[34]"));
            assertThat(filtered.tableList()).extracting(Table::name).containsExactly("events_3", "events_4");

            glue.updateTable(b -> b.databaseName("sdklake").tableInput(table("events_0", "string")));
            List<TableVersion> versions = glue.getTableVersions(b -> b.databaseName("sdklake")
                    .tableName("events_0")).tableVersions();
            assertThat(versions).extracting(TableVersion::versionId).containsExactlyInAnyOrder("0", "1");
            assertThat(glue.getTableVersion(b -> b.databaseName("sdklake").tableName("events_0").versionId("0"))
                    .tableVersion().table().storageDescriptor().columns().get(0).type()).isEqualTo("bigint");

            assertThatThrownBy(() -> glue.createTable(b -> b.databaseName("sdklake")
                    .tableInput(table("events_1", "int")))).isInstanceOf(AlreadyExistsException.class)
                    .hasMessageContaining("Table already exists.");
            assertThatThrownBy(() -> glue.getTable(b -> b.databaseName("sdklake").name("nope")))
                    .isInstanceOf(EntityNotFoundException.class).hasMessageContaining("Table nope not found.");
            assertThatThrownBy(() -> glue.createTable(b -> b.databaseName("sdklake")
                    .tableInput(table("broken", "struct<a int>")))).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("Invalid type 'struct<a int>'");

            glue.deleteDatabase(b -> b.name("sdklake"));
            assertThatThrownBy(() -> glue.getTable(b -> b.databaseName("sdklake").name("events_0")))
                    .isInstanceOf(EntityNotFoundException.class).hasMessageContaining("Database sdklake not found.");
        }
    }

    @Test
    void boto3ScriptsDefineAFirehoseSchemaUnchanged() throws Exception {
        run(List.of("python3", SCRIPTS.resolve("boto3_glue.py").toString(), SERVER.endpoint().toString()));
    }

    @Test
    void theAwsCliDefinesATableAndGetsGluesErrors() throws Exception {
        run(List.of("bash", SCRIPTS.resolve("cli_glue.sh").toString(), SERVER.endpoint().toString()));
    }

    private static void run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        boolean finished = process.waitFor(2, TimeUnit.MINUTES);
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        System.out.println(output);
        if (!finished) {
            process.destroyForcibly();
        }
        assertThat(finished).as("finished in time").isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("checks passed");
    }
}
