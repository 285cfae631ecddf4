package io.sluice.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Storage blocks (writes, forces, waits for room in the commit queue) on callers' virtual threads; a monitor held
 * there pins the carrier on JDK 21–23. So no main class of this module uses {@code synchronized}.
 */
class NoMonitorsTest {

    private static final Pattern SYNCHRONIZED = Pattern.compile("\\bsynchronized\\b");

    @Test
    void noMainClassOfStorageUsesSynchronized() throws IOException {
        Path main = Path.of("src/main/java");
        assertThat(main).isDirectory();
        List<String> offenders;
        try (Stream<Path> files = Files.walk(main)) {
            offenders = files.filter(p -> p.toString().endsWith(".java")).filter(p -> {
                try {
                    return Files.readAllLines(p).stream().map(String::strip)
                            .filter(line -> !line.startsWith("*") && !line.startsWith("//"))
                            .anyMatch(line -> SYNCHRONIZED.matcher(line).find());
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            }).map(p -> p.getFileName().toString()).toList();
        }
        assertThat(offenders).isEmpty();
    }
}
