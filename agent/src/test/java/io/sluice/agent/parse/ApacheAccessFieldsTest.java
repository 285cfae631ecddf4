package io.sluice.agent.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.agent.config.LogFormats;
import io.sluice.agent.config.ProcessingOption.LogFormat;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;

/** The fast reading of Apache access lines gives fields only where the formats' expressions give the same groups. */
class ApacheAccessFieldsTest {

    private static final List<String> HOSTS = List.of("10.0.1.2", "host-1.example.com", "a.", "h_1", "", ".a", "a..b",
            "10..1", "é.example", "a b", "-", "x:80");
    private static final List<String> USERS = List.of("-", "frank", "a.b_c-d", "", "fr@nk", "x y", "é");
    private static final List<String> DATES = List.of("10/Oct/2000:13:55:36 -0700", "01/Jan/1999:00:00:00 +0000",
            "31/Dec/2026:23:59:60 +1400", "7/Mar/2004:16:10:02 -0800", "10/October/2000:13:55:36 -0700",
            "10/Oct/2000:13:55:36.123 -0700", "10/Oct/2000:24:00:00 -0700", "32/Oct/2000:13:55:36 -0700",
            "10/Oct/0999:13:55:36 -0700", "10/Oct/2000:13:55:36\t-0700", "10/Oct/2000:13:55:36 0700",
            "10/oct/2000:13:55:36 -0700", "00/Oct/2000:13:55:36 -0700", "10/Oct/2000:13:60:36 -0700", "");
    private static final List<String> REQUESTS = List.of("GET /a HTTP/1.1", "", "x\ny", "GET /\u2028 é", "\"");
    private static final List<String> NUMBERS = List.of("200", "-", "+5", "-5", "", "2x", "--", "+", "007");
    private static final List<String> QUOTED = List.of("http://x/", "Mozilla/4.08 [en] (Win98; I ;Nav)", "-", "");
    private static final List<String> TAILS = List.of("", " extra", "\r", " \u0085", "x", " \"q\"", "\n");

    @Test
    void fieldsAreTheExpressionsGroupsWheneverGiven() {
        long seed = System.nanoTime();
        System.out.println("ApacheAccessFieldsTest seed " + seed);
        Random random = new Random(seed);
        int accepted = 0;
        for (int i = 0; i < 20_000; i++) {
            boolean combined = random.nextBoolean();
            String line = line(random, combined);
            int[] bounds = new int[combined ? 18 : 14];
            boolean read = ApacheAccessFields.read(line, combined, bounds);
            if (read) {
                accepted++;
                Matcher matcher = LogFormats.pattern(combined ? LogFormat.COMBINEDAPACHELOG
                        : LogFormat.COMMONAPACHELOG).matcher(line);
                assertThat(matcher.matches()).as("seed %d: %s", seed, line).isTrue();
                for (int g = 0; g < bounds.length / 2; g++) {
                    assertThat(line.substring(bounds[2 * g], bounds[2 * g + 1]))
                            .as("seed %d: group %d of %s", seed, g + 1, line)
                            .isEqualTo(matcher.group(g + 1));
                }
            }
        }
        assertThat(accepted).as("lines read fast (seed %d)", seed).isGreaterThan(100);
    }

    @Test
    void theUsualLinesAreReadFast() {
        assertThat(fields("127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] \"GET /a.gif HTTP/1.0\" 200 2326 "
                + "\"http://www.example.com/start.html\" \"Mozilla/4.08 [en] (Win98; I ;Nav)\"", true))
                .containsExactly("127.0.0.1", "-", "frank", "10/Oct/2000:13:55:36 -0700", "GET /a.gif HTTP/1.0", "200",
                        "2326", "http://www.example.com/start.html", "Mozilla/4.08 [en] (Win98; I ;Nav)");
        assertThat(fields("64.242.88.10 - - [07/Mar/2004:16:10:02 -0800] \"GET /x HTTP/1.1\" 200 6291", false))
                .endsWith("200", "6291");
    }

    @Test
    void unusualLinesAreLeftToTheExpression() {
        assertThat(fields("10..1 - - [07/Mar/2004:16:10:02 -0800] \"GET /x HTTP/1.1\" 200 6291", false)).isNull();
        assertThat(fields("h - - [07/March/2004:16:10:02 -0800] \"GET /x HTTP/1.1\" 200 6291", false)).isNull();
        assertThat(fields("h - - [07/Mar/2004:16:10:02 -0800] \"GET /x HTTP/1.1\" 200 6291\r", false)).isNull();
    }

    /** The fields read fast, or null when the line is left to the expression. */
    private static String[] fields(String line, boolean combined) {
        int[] bounds = new int[combined ? 18 : 14];
        if (!ApacheAccessFields.read(line, combined, bounds)) {
            return null;
        }
        String[] fields = new String[bounds.length / 2];
        for (int i = 0; i < fields.length; i++) {
            fields[i] = line.substring(bounds[2 * i], bounds[2 * i + 1]);
        }
        return fields;
    }

    private static String line(Random random, boolean combined) {
        // mostly usual pieces, so that many lines are read fast and the odd piece is alone
        StringBuilder line = new StringBuilder()
                .append(pick(random, HOSTS)).append(sep(random)).append(pick(random, USERS)).append(sep(random))
                .append(pick(random, USERS)).append(" [").append(pick(random, DATES)).append("] \"")
                .append(pick(random, REQUESTS)).append("\" ").append(pick(random, NUMBERS)).append(sep(random))
                .append(pick(random, NUMBERS));
        if (combined) {
            line.append(" \"").append(pick(random, QUOTED)).append("\" \"").append(pick(random, QUOTED)).append('"');
        }
        return line.append(pick(random, TAILS)).toString();
    }

    private static String pick(Random random, List<String> values) {
        return values.get(random.nextInt(3) > 0 ? 0 : random.nextInt(values.size()));
    }

    private static String sep(Random random) {
        return random.nextInt(40) == 0 ? "  " : " ";
    }
}
