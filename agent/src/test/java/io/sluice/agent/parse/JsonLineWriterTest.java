package io.sluice.agent.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.agent.config.ProcessingOption.JsonFormat;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The direct JSON writer gives the bytes Jackson's writer gives for the same fields, newline included. */
class JsonLineWriterTest {

    private static final String ALPHABET = "aZ09 -_/:.[]()\"\\\t\n\r\u0000\u001f\u007f\u0085é€\u2028\ud83d\ude00";

    @Test
    void writesWhatJacksonWritesForAnyValues() throws Exception {
        long seed = System.nanoTime();
        System.out.println("JsonLineWriterTest seed " + seed);
        Random random = new Random(seed);
        List<String> names = List.of("host", "a \"quoted\" name", "ünï", "x");
        JsonLineWriter writer = new JsonLineWriter(names);
        for (int round = 0; round < 5_000; round++) {
            String[] values = new String[names.size()];
            StringBuilder line = new StringBuilder();
            int[] bounds = new int[2 * names.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = random.nextInt(6) == 0 ? null : text(random);
                bounds[2 * i] = line.length();
                line.append(values[i] == null ? "-" : values[i]);
                bounds[2 * i + 1] = line.length();
                line.append(' ');
            }
            Map<String, String> fields = new LinkedHashMap<>();
            for (int i = 0; i < values.length; i++) {
                fields.put(names.get(i), values[i]);
            }
            String expected = JsonText.write(fields, JsonFormat.COMPACT) + "\n";

            assertThat(writer.write(values)).as("seed %d: %s", seed, expected)
                    .isEqualTo(expected.getBytes(StandardCharsets.UTF_8));
            // from the line's regions, "-" standing for null
            boolean dashes = java.util.Arrays.stream(values).noneMatch("-"::equals);
            if (dashes) {
                assertThat(writer.write(line.toString(), bounds, true)).as("seed %d", seed)
                        .isEqualTo(expected.getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    private static String text(Random random) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(12);
        boolean plain = random.nextBoolean();
        for (int i = 0; i < length; i++) {
            text.append(plain ? (char) ('a' + random.nextInt(26)) : ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return text.toString();
    }
}
