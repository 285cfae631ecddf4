package io.sluice.server.analytics.io;

import io.sluice.firehose.delivery.LocalDirectoryObjectStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalDirectoryObjectReaderTest {

    @TempDir
    Path dir;

    @Test
    void readsWhatFirehosesLocalDirectoryStoreWrote() throws IOException {
        new LocalDirectoryObjectStore(dir).put("bucket", "ref/companies.csv",
                "AMZN,Amazon".getBytes(StandardCharsets.UTF_8));

        assertThat(new LocalDirectoryObjectReader(dir).read("arn:aws:s3:::bucket", "ref/companies.csv"))
                .asString(StandardCharsets.UTF_8).isEqualTo("AMZN,Amazon");
    }

    @Test
    void aMissingObjectOrBucketIsNoSuchFile() {
        LocalDirectoryObjectReader reader = new LocalDirectoryObjectReader(dir);

        assertThatThrownBy(() -> reader.read("arn:aws:s3:::bucket", "none.csv"))
                .isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> reader.read("arn:aws:s3:::other", "none.csv"))
                .isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void aKeyOrBucketLeavingTheRootIsRefused() {
        LocalDirectoryObjectReader reader = new LocalDirectoryObjectReader(dir.resolve("root"));

        assertThatThrownBy(() -> reader.read("arn:aws:s3:::bucket", "../../secret"))
                .isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> reader.read("arn:aws:s3:::..", "x"))
                .isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> reader.read("not-an-arn", "x"))
                .isInstanceOf(IOException.class).hasMessageContaining("is not an S3 bucket ARN");
    }
}
