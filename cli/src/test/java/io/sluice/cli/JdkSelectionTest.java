package io.sluice.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code bin/lib/java.sh}, which every {@code bin/sluice} run sources: choosing a JDK must not start one (each JVM
 * launched only to ask its version cost about 0.15 s of every start). Runs the script with bash against fake JDKs
 * whose {@code java} leaves a trace when it is run.
 */
class JdkSelectionTest {

    private static final Path SCRIPT = Path.of("..", "bin", "lib", "java.sh").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    /** A fake JDK: {@code bin/java} and {@code bin/javac} scripts, the first of which records that it ran. */
    private Path jdk(String name, String releaseVersion, String specificationVersion) throws IOException {
        Path home = dir.resolve(name);
        Files.createDirectories(home.resolve("bin"));
        if (releaseVersion != null) {
            Files.writeString(home.resolve("release"),
                    "IMPLEMENTOR=\"Test\"\nJAVA_VERSION=\"" + releaseVersion + "\"\nOS_NAME=\"Linux\"\n");
        }
        executable(home.resolve("bin/java"), "#!/bin/sh\necho ran >> '" + dir.resolve("java-ran") + "'\n"
                + "echo '    java.specification.version = " + specificationVersion + "' >&2\n");
        executable(home.resolve("bin/javac"), "#!/bin/sh\n");
        return home;
    }

    private static void executable(Path file, String text) throws IOException {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** Sources the script with JAVA_HOME set and prints what select_jdk chose. */
    private String run(Path javaHome) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bash", "-c",
                ". '" + SCRIPT + "' && select_jdk && echo \"$JAVA_HOME $JAVA_MAJOR\"");
        builder.environment().put("JAVA_HOME", javaHome.toString());
        builder.redirectErrorStream(true);
        Process process = builder.start();
        process.getOutputStream().close();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    }

    @Test
    void aJdkIsChosenFromItsReleaseFileWithoutRunningIt() throws Exception {
        Path home = jdk("jdk-25", "25.0.3", "25");

        assertThat(run(home)).isEqualTo(home + " 25");
        assertThat(dir.resolve("java-ran")).doesNotExist();
    }

    @Test
    void aJdkWithoutAReleaseFileIsAskedByRunningIt() throws Exception {
        Path home = jdk("jdk-22", null, "22");

        assertThat(run(home)).isEqualTo(home + " 22");
        assertThat(dir.resolve("java-ran")).exists();
    }

    @Test
    void aJavaHomeOlderThan21IsPassedOver() throws Exception {
        Path home = jdk("jdk-17", "17.0.15", "17");

        assertThat(run(home)).doesNotStartWith(home + " ");
    }
}
