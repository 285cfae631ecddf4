package io.sluice.analytics.format;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * KDA's column naming rule for schema discovery ({@code sch-dis}): a source name is kept as it is unless it is a
 * reserved word, holds characters other than ASCII letters, digits and {@code _}, starts with a digit, or is longer
 * than 100 characters; then the unsupported characters are dropped and {@code COL_} is put in front
 * ({@code USER} → {@code COL_USER}, {@code USER@DOMAIN} → {@code COL_USERDOMAIN}), and a name with nothing left is
 * {@code COL_<position>} ({@code @@} → {@code COL_0}). A renamed name is cut to 100 characters. The reserved words
 * are the resource {@code reserved-words.txt}. Stateless and thread-safe.
 */
public final class ColumnNames {

    public static final int MAX_LENGTH = 100;
    private static final String PREFIX = "COL_";
    private static final Set<String> RESERVED = load();

    private ColumnNames() {
    }

    /**
     * The name discovery gives a source element.
     *
     * @param source   the element's name in the data (a JSON member or a CSV header), or empty when it has none
     * @param position the column's 0-based place among the discovered columns
     */
    public static String suggest(String source, int position) {
        StringBuilder kept = new StringBuilder(source.length());
        for (int i = 0; i < source.length(); i++) {
            char c = source.charAt(i);
            if (c < 128 && (Character.isLetterOrDigit(c) || c == '_')) {
                kept.append(c);
            }
        }
        if (kept.isEmpty()) {
            return PREFIX + position;
        }
        String cleaned = kept.toString();
        boolean renamed = cleaned.length() != source.length() || isReserved(cleaned)
                || Character.isDigit(cleaned.charAt(0)) || source.length() > MAX_LENGTH;
        if (!renamed) {
            return source;
        }
        String name = PREFIX + cleaned;
        return name.length() > MAX_LENGTH ? name.substring(0, MAX_LENGTH) : name;
    }

    /** Whether a word is reserved, in any case. */
    public static boolean isReserved(String word) {
        return RESERVED.contains(word.toUpperCase(Locale.ROOT));
    }

    private static Set<String> load() {
        Set<String> words = new HashSet<>();
        try (InputStream in = ColumnNames.class.getResourceAsStream("reserved-words.txt")) {
            if (in == null) {
                throw new IllegalStateException("reserved-words.txt is missing from the class path");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                String word = line.trim();
                if (!word.isEmpty() && !word.startsWith("#")) {
                    words.add(word.toUpperCase(Locale.ROOT));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Set.copyOf(words);
    }
}
