package io.sluice.cli.bench;

import picocli.CommandLine.ITypeConverter;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the option values of {@code sluice bench} that are more than a plain number: durations, sizes and
 * rates, with messages that say what would have been accepted. Picocli prefixes them with the option's name.
 * Stateless.
 */
final class OptionConverters {

    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)?");
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(b|k|kib|m|mib)?");

    private OptionConverters() {
    }

    /** {@code 500ms}, {@code 20s}, {@code 2m}, {@code 1h}, a number of seconds, or ISO-8601 ({@code PT20S}). */
    static final class DurationConverter implements ITypeConverter<Duration> {

        @Override
        public Duration convert(String value) {
            String text = value.trim().toLowerCase(Locale.ROOT);
            Matcher matcher = DURATION.matcher(text);
            if (matcher.matches()) {
                long amount = Long.parseLong(matcher.group(1));
                String unit = matcher.group(2) == null ? "s" : matcher.group(2);
                return switch (unit) {
                    case "ms" -> Duration.ofMillis(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    case "h" -> Duration.ofHours(amount);
                    default -> Duration.ofSeconds(amount);
                };
            }
            try {
                return Duration.parse(value.trim());
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("expected a duration such as 500ms, 20s or 2m, not '" + value + "'");
            }
        }
    }

    /** Bytes, optionally with a binary unit: {@code 100}, {@code 1KiB} (or {@code 1k}), {@code 1MiB}. */
    static final class SizeConverter implements ITypeConverter<Integer> {

        @Override
        public Integer convert(String value) {
            Matcher matcher = SIZE.matcher(value.trim().toLowerCase(Locale.ROOT));
            if (!matcher.matches()) {
                throw new IllegalArgumentException("expected a size such as 100, 1KiB or 1MiB, not '" + value + "'");
            }
            String unit = matcher.group(2) == null ? "b" : matcher.group(2);
            long bytes = Long.parseLong(matcher.group(1)) * switch (unit) {
                case "k", "kib" -> 1024L;
                case "m", "mib" -> 1024L * 1024;
                default -> 1L;
            };
            if (bytes > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("'" + value + "' is too large");
            }
            return (int) bytes;
        }
    }

    /** Records per second, or {@code unlimited} (read as 0). */
    static final class RateConverter implements ITypeConverter<Double> {

        @Override
        public Double convert(String value) {
            if (value.trim().equalsIgnoreCase("unlimited")) {
                return 0.0;
            }
            try {
                double rate = Double.parseDouble(value.trim());
                if (rate > 0 && Double.isFinite(rate)) {
                    return rate;
                }
            } catch (NumberFormatException e) {
                // fall through to the message below
            }
            throw new IllegalArgumentException("expected records per second (a positive number) or 'unlimited', not '"
                    + value + "'");
        }
    }
}
