package io.sluice.agent.config;

import io.sluice.agent.config.ProcessingOption.LogFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * LOGTOJSON's known formats: the regular expression a line must match and the JSON field names of its groups, the
 * same names and grammar as AWS's agent (grok-like building blocks), so records keep the fields consumers expect.
 * Constants only; thread-safe.
 */
public final class LogFormats {

    private static final String INT = "(?:[+-]?(?:[0-9]+))";
    private static final String POSINT = "(?:[1-9][0-9]*)";
    private static final String NONNEGINT = "(?:[0-9]+)";
    private static final String WORD = "\\w+";
    private static final String NOQUOTE = "[^\"]+";
    private static final String IP = "(?:[\\d.]+)";
    private static final String HOSTNAME = "(?:[\\w\\-]+)(?:\\.(?:[\\w\\-]+))*(?:\\.?|\\b)";
    private static final String IPORHOST = "(?:" + HOSTNAME + "|" + IP + ")";
    private static final String URIHOST = "(?:" + IPORHOST + "(?::" + POSINT + ")?)";
    private static final String USER = "(?:[a-zA-Z0-9._-]+)";
    private static final String MONTHDAY = "(?:(?:0[1-9])|(?:[12][0-9])|(?:3[01])|[1-9])";
    private static final String DAY = "(?:Mon(?:day)?|Tue(?:sday)?|Wed(?:nesday)?|Thu(?:rsday)?|Fri(?:day)?"
            + "|Sat(?:urday)?|Sun(?:day)?)";
    private static final String MONTH = "\\b(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|Jun(?:e)?"
            + "|Jul(?:y)?|Aug(?:ust)?|Sep(?:tember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\b";
    private static final String YEAR = "(?:[1-9]\\d*)";
    private static final String TIME = "(?:(?:2[0123]|[01]?[0-9]):(?:[0-5][0-9]):(?:(?:[0-5]?[0-9]|60)"
            + "(?:[:.,][0-9]+)?))";
    private static final String HTTPDATE = "(?:" + MONTHDAY + "/" + MONTH + "/" + YEAR + ":" + TIME + "\\s" + INT + ")";
    private static final String ERRORLOG_TIME = "(?:" + DAY + "\\s+" + MONTH + "\\s+" + MONTHDAY + "\\s+" + TIME
            + "\\s+" + YEAR + ")";
    private static final String SYSLOG_TIME = "(?:" + MONTH + "\\s+" + MONTHDAY + "\\s+" + TIME + ")";
    private static final String RFC3339_TIME = "(?:\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d+)?)"
            + "(?:Z|(?:[-+]\\d{2}:\\d{2}))";
    private static final String SYSLOG_FACILITY = "<" + NONNEGINT + "." + NONNEGINT + ">";
    private static final String SYSLOG_REST = " (?:" + SYSLOG_FACILITY + " )?(" + USER + ") ([\\w._/%-]+)(?:\\[("
            + POSINT + ")\\])?: (.*)";

    private static final String COMMON = "^(" + IPORHOST + ") (" + USER + ") (" + USER + ") \\[(" + HTTPDATE + ")\\] "
            + "\"(" + NOQUOTE + ")\" (" + INT + "|-) (" + INT + "|-)";
    private static final String COMBINED = COMMON + " \"(" + NOQUOTE + ")\" \"(" + NOQUOTE + ")\"";

    private static final Pattern COMMON_PATTERN = Pattern.compile(COMMON + ".*");
    private static final Pattern COMBINED_PATTERN = Pattern.compile(COMBINED + ".*");
    private static final Pattern ERROR_PATTERN = Pattern.compile("^\\[(" + ERRORLOG_TIME + ")\\] \\[(?:(" + WORD
            + "):)?(" + WORD + ")\\] \\[pid (" + NONNEGINT + ")(?::tid (" + NONNEGINT + "))?\\] \\[client (" + URIHOST
            + ")\\] (.*)");
    private static final Pattern SYSLOG_PATTERN = Pattern.compile("^(" + SYSLOG_TIME + ")" + SYSLOG_REST);
    private static final Pattern RFC3339_SYSLOG_PATTERN = Pattern.compile("^(" + RFC3339_TIME + ")" + SYSLOG_REST);

    private static final List<String> COMMON_FIELDS =
            List.of("host", "ident", "authuser", "datetime", "request", "response", "bytes");
    private static final List<String> COMBINED_FIELDS =
            List.of("host", "ident", "authuser", "datetime", "request", "response", "bytes", "referer", "agent");
    private static final List<String> ERROR_FIELDS =
            List.of("timestamp", "module", "severity", "processid", "threadid", "client", "message");
    private static final List<String> SYSLOG_FIELDS =
            List.of("timestamp", "hostname", "program", "processid", "message");

    private LogFormats() {
    }

    /** The expression a whole line of the format matches; group i is field i. */
    public static Pattern pattern(LogFormat format) {
        return switch (format) {
            case COMMONAPACHELOG -> COMMON_PATTERN;
            case COMBINEDAPACHELOG -> COMBINED_PATTERN;
            case APACHEERRORLOG -> ERROR_PATTERN;
            case SYSLOG -> SYSLOG_PATTERN;
            case RFC3339SYSLOG -> RFC3339_SYSLOG_PATTERN;
        };
    }

    /** The JSON field names of the format's groups, in order. */
    public static List<String> fieldNames(LogFormat format) {
        return switch (format) {
            case COMMONAPACHELOG -> COMMON_FIELDS;
            case COMBINEDAPACHELOG -> COMBINED_FIELDS;
            case APACHEERRORLOG -> ERROR_FIELDS;
            case SYSLOG, RFC3339SYSLOG -> SYSLOG_FIELDS;
        };
    }

    /** Whether a "-" field means "absent" (JSON null): Apache's logs write "-" for a missing value; syslog does not. */
    public static boolean dashIsNull(LogFormat format) {
        return format == LogFormat.COMMONAPACHELOG || format == LogFormat.COMBINEDAPACHELOG
                || format == LogFormat.APACHEERRORLOG;
    }
}
