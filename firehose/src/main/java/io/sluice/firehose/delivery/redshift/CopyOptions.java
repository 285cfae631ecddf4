package io.sluice.firehose.delivery.redshift;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A Redshift CopyCommand's CopyOptions, read into what they mean for a PostgreSQL {@code COPY ... FROM STDIN}.
 *
 * <p>Translated: {@code CSV [QUOTE [AS] 'c']}, {@code FORMAT [AS] CSV|JSON}, {@code JSON 'auto'} and
 * {@code JSON 'auto ignorecase'} (Sluice maps each JSON object's keys to the columns), {@code DELIMITER [AS] 'c'},
 * {@code NULL [AS] 's'}, {@code ESCAPE} and {@code GZIP} (the intermediate objects are gzipped; Sluice loads
 * what they hold). Ignored, as having no PostgreSQL meaning: {@code TIMEFORMAT}/{@code DATEFORMAT} (PostgreSQL
 * reads ISO and its DateStyle's forms itself) and {@code COMPUPDATE}/{@code STATUPDATE} (Redshift's compression
 * and statistics). Everything else (jsonpaths files, FIXEDWIDTH, other compressions, MAXERROR, IGNOREHEADER...)
 * is refused with {@link IllegalArgumentException} naming the option, so a stream never loads data in a way
 * its author did not ask for. Immutable.
 *
 * @param delimiter   the field delimiter; Redshift's defaults: {@code |} for text, {@code ,} for CSV
 * @param nullAs      the NULL AS string, or null for the format's default
 * @param escape      ESCAPE: a backslash in text data escapes the next character (else it is a plain character)
 * @param ignoreCase  JSON 'auto ignorecase': keys match columns whatever their case
 * @param ignored     the options given that Sluice ignores, for the log
 */
public record CopyOptions(Format format, char delimiter, char quote, String nullAs, boolean escape, boolean gzip,
                          boolean ignoreCase, List<String> ignored) {

    /** How the data is read: delimited text, CSV, or JSON objects. */
    public enum Format { TEXT, CSV, JSON_AUTO }

    private static final List<String> IGNORED_WITH_VALUE = List.of("TIMEFORMAT", "DATEFORMAT");
    private static final List<String> IGNORED_FLAGS = List.of("COMPUPDATE", "STATUPDATE");
    private static final List<String> SWITCHES = List.of("ON", "OFF", "TRUE", "FALSE", "PRESET");

    public CopyOptions {
        ignored = List.copyOf(ignored);
    }

    /** Reads CopyOptions (null or blank for none). */
    public static CopyOptions parse(String options) {
        CopyOptionsTokens t = new CopyOptionsTokens(options == null ? "" : options);
        Format format = Format.TEXT;
        Character delimiter = null;
        char quote = '"';
        String nullAs = null;
        boolean escape = false;
        boolean gzip = false;
        boolean ignoreCase = false;
        List<String> ignored = new ArrayList<>();
        while (t.hasNext()) {
            String word = t.word().toUpperCase(Locale.ROOT);
            switch (word) {
                case "FORMAT" -> {
                    t.optional("AS");
                    String kind = t.word().toUpperCase(Locale.ROOT);
                    if (kind.equals("CSV")) {
                        format = Format.CSV;
                    } else if (kind.equals("JSON")) {
                        format = Format.JSON_AUTO;
                        ignoreCase = json(t.string("JSON"));
                    } else {
                        throw refused("FORMAT AS " + kind);
                    }
                }
                case "CSV" -> format = Format.CSV;
                case "QUOTE" -> {
                    t.optional("AS");
                    quote = oneChar("QUOTE", t.string("QUOTE"));
                }
                case "JSON" -> {
                    format = Format.JSON_AUTO;
                    ignoreCase = json(t.string("JSON"));
                }
                case "DELIMITER" -> {
                    t.optional("AS");
                    delimiter = oneChar("DELIMITER", t.string("DELIMITER"));
                }
                case "NULL" -> {
                    t.optional("AS");
                    nullAs = t.string("NULL AS");
                }
                case "ESCAPE" -> escape = true;
                case "GZIP" -> gzip = true;
                default -> {
                    if (IGNORED_WITH_VALUE.contains(word)) {
                        t.optional("AS");
                        ignored.add(word + " '" + t.string(word) + "'");
                    } else if (IGNORED_FLAGS.contains(word)) {
                        String value = t.peekWordIn(SWITCHES);
                        ignored.add(value == null ? word : word + " " + value);
                    } else {
                        throw refused(word);
                    }
                }
            }
        }
        if (format == Format.JSON_AUTO && (delimiter != null || nullAs != null || escape)) {
            throw new IllegalArgumentException("CopyOptions JSON cannot be combined with DELIMITER, NULL AS or "
                    + "ESCAPE.");
        }
        if (format == Format.CSV && escape) {
            throw new IllegalArgumentException("CopyOptions CSV cannot be combined with ESCAPE.");
        }
        char d = delimiter != null ? delimiter : format == Format.TEXT ? '|' : ',';
        return new CopyOptions(format, d, quote, nullAs, escape, gzip, ignoreCase, ignored);
    }

    private static boolean json(String argument) {
        String a = argument.trim().toLowerCase(Locale.ROOT);
        if (a.equals("auto")) {
            return false;
        }
        if (a.equals("auto ignorecase")) {
            return true;
        }
        throw new IllegalArgumentException("CopyOptions JSON '" + argument + "' is not supported by Sluice: only "
                + "JSON 'auto' and JSON 'auto ignorecase' are (a JSONPaths file is not).");
    }

    private static char oneChar(String option, String value) {
        String v = value.equals("\\t") ? "\t" : value;
        if (v.length() != 1) {
            throw new IllegalArgumentException("CopyOptions " + option + " must be one character, not '" + value
                    + "'.");
        }
        return v.charAt(0);
    }

    private static IllegalArgumentException refused(String option) {
        return new IllegalArgumentException("CopyOptions " + option + " is not supported by Sluice's PostgreSQL "
                + "loading. Supported: CSV [QUOTE 'c'], JSON 'auto' [ignorecase], DELIMITER 'c', NULL AS 's', "
                + "ESCAPE, GZIP; ignored: TIMEFORMAT, DATEFORMAT, COMPUPDATE, STATUPDATE.");
    }
}
