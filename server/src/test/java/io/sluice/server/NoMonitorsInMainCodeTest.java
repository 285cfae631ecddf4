package io.sluice.server;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The static rule behind "nothing that blocks runs under a monitor": Sluice serves every request on a virtual
 * thread, and on JDK 21–23 a virtual thread that blocks inside {@code synchronized} pins its carrier (there are
 * about as many carriers as cores), so one slow disk or endpoint could stall every call. JDK 24+ (JEP 491) hides
 * it, which is why no test run on this machine's JDK 25 would see it. Main code therefore uses no monitors at all:
 * {@code ReentrantLock}, atomics or a single-threaded worker instead. This test scans every module's main sources.
 */
class NoMonitorsInMainCodeTest {

    private static final Pattern COMMENT_OR_STRING = Pattern.compile(
            "//[^\\n]*|/\\*.*?\\*/|\"(?:\\\\.|[^\"\\\\])*\"|'(?:\\\\.|[^'\\\\])'", Pattern.DOTALL);
    private static final Pattern SYNCHRONIZED = Pattern.compile("\\bsynchronized\\b");
    private static final Pattern WAIT_NOTIFY = Pattern.compile("\\.\\s*(wait|notify|notifyAll)\\s*\\(|"
            + "(?<![.\\w])(wait|notify|notifyAll)\\s*\\(\\s*\\)");

    @Test
    void noMainSourceUsesSynchronizedOrObjectMonitors() throws IOException {
        List<Path> sources = mainSources();
        assertTrue(sources.size() > 100, "found the main sources of every module: " + sources.size());
        List<String> offenders = new ArrayList<>();
        for (Path source : sources) {
            String code = COMMENT_OR_STRING.matcher(Files.readString(source)).replaceAll(" ");
            for (Pattern rule : List.of(SYNCHRONIZED, WAIT_NOTIFY)) {
                Matcher m = rule.matcher(code);
                if (m.find()) {
                    offenders.add(source + ": " + m.group().trim());
                }
            }
        }
        assertEquals(List.of(), offenders, "use ReentrantLock/Condition, atomics or a single-threaded worker");
    }

    @Test
    void theRuleSeesAMonitorInCodeButNotInCommentsOrStrings() {
        String code = "/* synchronized */ class A { String s = \"synchronized\"; // wait()\n"
                + " void f() { synchronized (this) { } } }";
        String stripped = COMMENT_OR_STRING.matcher(code).replaceAll(" ");
        Matcher m = SYNCHRONIZED.matcher(stripped);
        assertTrue(m.find());
        assertEquals(1, SYNCHRONIZED.matcher(stripped).results().count());
        assertTrue(WAIT_NOTIFY.matcher("lock.wait();").find());
        assertTrue(WAIT_NOTIFY.matcher("notifyAll();").find());
    }

    private static List<Path> mainSources() throws IOException {
        Path root = Path.of("").toAbsolutePath().getParent();
        try (Stream<Path> modules = Files.list(root)) {
            List<Path> sources = new ArrayList<>();
            for (Path module : modules.toList()) {
                Path main = module.resolve("src/main/java");
                if (Files.isDirectory(main)) {
                    try (Stream<Path> files = Files.walk(main)) {
                        files.filter(f -> f.toString().endsWith(".java")).forEach(sources::add);
                    }
                }
            }
            return sources;
        }
    }
}
