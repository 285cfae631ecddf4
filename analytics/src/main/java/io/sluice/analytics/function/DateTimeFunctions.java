package io.sluice.analytics.function;

import io.sluice.analytics.type.SqlType;
import io.sluice.analytics.type.SqlTypeName;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.sluice.analytics.function.Datetimes.MILLIS_PER_DAY;

/**
 * KDA's date and time functions. Values are UTC, as KDA's are. Calling conventions the planner follows:
 * <ul>
 *   <li>{@code CURRENT_DATE}, {@code CURRENT_TIME}, {@code CURRENT_TIMESTAMP}, {@code LOCALTIME},
 *       {@code LOCALTIMESTAMP}: the planner appends one argument, the run's start time (a TIMESTAMP or BIGINT
 *       literal it read once from the wall clock of {@code ProgramContext}); the value is that start, as KDA fixes
 *       these at query start.</li>
 *   <li>{@code CURRENT_ROW_TIMESTAMP}: the planner appends one TIMESTAMP argument evaluated per row: the wall clock
 *       at that row (KDA: "the current time of the machine"); the function returns it.</li>
 *   <li>{@code EXTRACT(unit, x)}, {@code FLOOR(x, unit)}, {@code CEIL(x, unit)}: the unit is a character literal
 *       (YEAR, QUARTER, MONTH, WEEK, DAY, HOUR, MINUTE, SECOND; EXTRACT adds DOY, DOW, MILLISECOND, EPOCH). FLOOR
 *       and CEIL also round a day-time interval to DAY, HOUR, MINUTE or SECOND.</li>
 * </ul>
 * The others: {@code STEP(ts, interval)} rounds down to a multiple of the interval counted from the epoch;
 * {@code TSDIFF(startTime, endTime)} is endTime − startTime in milliseconds (BIGINT or TIMESTAMP arguments);
 * {@code CHAR_TO_DATE|CHAR_TO_TIME|CHAR_TO_TIMESTAMP(format, s)}, {@code TIMESTAMP_TO_CHAR|DATE_TO_CHAR|
 * TIME_TO_CHAR(format, value)} with {@link DateFormat} patterns (TIMESTAMP_TO_CHAR of NULL is the text
 * {@code null}, as KDA documents); {@code TO_TIMESTAMP(epochMillis)}; {@code UNIX_TIMESTAMP(ts)} (epoch
 * milliseconds, BIGINT). NULL in gives NULL out elsewhere. Literal formats compile once. Stateless and thread-safe.
 */
final class DateTimeFunctions {

    private DateTimeFunctions() {
    }

    static void register(Map<String, Resolver> into) {
        for (String name : List.of("CURRENT_DATE", "CURRENT_TIME", "CURRENT_TIMESTAMP", "LOCALTIME",
                "LOCALTIMESTAMP", "CURRENT_ROW_TIMESTAMP")) {
            into.put(name, DateTimeFunctions::clock);
        }
        into.put("EXTRACT", DateTimeFunctions::extract);
        into.put("TSDIFF", DateTimeFunctions::tsdiff);
        into.put("CHAR_TO_DATE", DateTimeFunctions::charTo);
        into.put("CHAR_TO_TIME", DateTimeFunctions::charTo);
        into.put("CHAR_TO_TIMESTAMP", DateTimeFunctions::charTo);
        into.put("TIMESTAMP_TO_CHAR", DateTimeFunctions::toChar);
        into.put("DATE_TO_CHAR", DateTimeFunctions::toChar);
        into.put("TIME_TO_CHAR", DateTimeFunctions::toChar);
        into.put("TO_TIMESTAMP", DateTimeFunctions::toTimestamp);
        into.put("UNIX_TIMESTAMP", DateTimeFunctions::unixTimestamp);
    }

    private static boolean timestampLike(SqlTypeName t) {
        return t == SqlTypeName.TIMESTAMP || t == SqlTypeName.BIGINT || t == SqlTypeName.INTEGER;
    }

    private static ResolvedScalar clock(String name, List<SqlType> types, List<Object> constants)
            throws FunctionResolutionException {
        if (types.size() != 1) {
            throw new FunctionResolutionException(name + " takes no arguments in SQL; the planner appends the "
                    + (name.equals("CURRENT_ROW_TIMESTAMP") ? "row's wall-clock time" : "run's start time"));
        }
        Args.require(name, types, 0, "a TIMESTAMP (appended by the planner)", DateTimeFunctions::timestampLike);
        ResolvedScalar.Impl millis = args -> ((Number) args[0]).longValue();
        return switch (name) {
            case "CURRENT_DATE" -> ResolvedScalar.of(name, SqlType.DATE, Args.strict(
                    args -> (int) Math.floorDiv((Long) millis.apply(args), MILLIS_PER_DAY)));
            case "CURRENT_TIME", "LOCALTIME" -> ResolvedScalar.of(name, SqlType.TIME, Args.strict(
                    args -> (int) Math.floorMod((Long) millis.apply(args), MILLIS_PER_DAY)));
            default -> ResolvedScalar.of(name, SqlType.TIMESTAMP, Args.strict(millis));
        };
    }

    private static ResolvedScalar extract(String name, List<SqlType> types, List<Object> constants)
            throws FunctionResolutionException {
        Args.arity(name, types, 2, 2);
        String unit = Args.constantString(name, types, constants, 0, "the unit").toUpperCase(Locale.ROOT);
        SqlType t = types.get(1);
        if (t == null) {
            return ResolvedScalar.of(name, SqlType.BIGINT, args -> null);
        }
        ResolvedScalar.Impl impl = switch (t.name()) {
            case TIMESTAMP -> fieldOf(name, unit, true, true);
            case DATE -> {
                ResolvedScalar.Impl f = fieldOf(name, unit, true, false);
                yield args -> f.apply(new Object[] {(Integer) args[1] * MILLIS_PER_DAY});
            }
            case TIME -> {
                ResolvedScalar.Impl f = fieldOf(name, unit, false, true);
                yield args -> f.apply(new Object[] {((Integer) args[1]).longValue()});
            }
            case INTERVAL_DAY_TIME -> dayTimeField(name, unit);
            case INTERVAL_YEAR_MONTH -> switch (unit) {
                case "YEAR" -> args -> (long) ((Integer) args[1] / 12);
                case "MONTH" -> args -> (long) ((Integer) args[1] % 12);
                default -> throw new FunctionResolutionException(name + " cannot take " + unit + " from " + t);
            };
            default -> throw new FunctionResolutionException(name + " needs a datetime or interval, not " + t);
        };
        ResolvedScalar.Impl f = impl;
        boolean shifted = t.name() == SqlTypeName.TIMESTAMP;
        return ResolvedScalar.of(name, SqlType.BIGINT, Args.strict(
                shifted ? args -> f.apply(new Object[] {args[1]}) : f));
    }

    /** A field of a TIMESTAMP value held in args[0]. */
    private static ResolvedScalar.Impl fieldOf(String name, String unit, boolean date, boolean time)
            throws FunctionResolutionException {
        ResolvedScalar.Impl impl = switch (unit) {
            case "YEAR" -> date ? args -> (long) local(args).getYear() : null;
            case "QUARTER" -> date ? args -> (long) (local(args).getMonthValue() + 2) / 3 : null;
            case "MONTH" -> date ? args -> (long) local(args).getMonthValue() : null;
            case "WEEK" -> date ? args -> (long) local(args).get(IsoFields.WEEK_OF_WEEK_BASED_YEAR) : null;
            case "DAY" -> date ? args -> (long) local(args).getDayOfMonth() : null;
            case "DOY" -> date ? args -> (long) local(args).getDayOfYear() : null;
            case "DOW" -> date ? args -> (long) (local(args).getDayOfWeek().getValue() % 7 + 1) : null;
            case "HOUR" -> time ? args -> Math.floorMod((Long) args[0], MILLIS_PER_DAY) / 3_600_000 : null;
            case "MINUTE" -> time ? args -> Math.floorMod((Long) args[0], 3_600_000L) / 60_000 : null;
            case "SECOND" -> time ? args -> Math.floorMod((Long) args[0], 60_000L) / 1000 : null;
            case "MILLISECOND" -> time ? args -> Math.floorMod((Long) args[0], 60_000L) : null;
            case "EPOCH" -> args -> Math.floorDiv((Long) args[0], 1000L);
            default -> null;
        };
        if (impl == null) {
            throw new FunctionResolutionException(name + " cannot take " + unit + " from a "
                    + (date ? time ? "TIMESTAMP" : "DATE" : "TIME"));
        }
        return impl;
    }

    private static ResolvedScalar.Impl dayTimeField(String name, String unit) throws FunctionResolutionException {
        return switch (unit) {
            case "DAY" -> args -> (Long) args[1] / MILLIS_PER_DAY;
            case "HOUR" -> args -> (Long) args[1] / 3_600_000 % 24;
            case "MINUTE" -> args -> (Long) args[1] / 60_000 % 60;
            case "SECOND" -> args -> (Long) args[1] / 1000 % 60;
            case "MILLISECOND" -> args -> (Long) args[1] % 60_000;
            case "EPOCH" -> args -> (Long) args[1] / 1000;
            default -> throw new FunctionResolutionException(name + " cannot take " + unit + " from a day-time "
                    + "interval");
        };
    }

    private static LocalDateTime local(Object[] args) {
        return Datetimes.toLocal((Long) args[0]);
    }

    /** {@code FLOOR(x TO unit)} / {@code CEIL(x TO unit)} for a TIMESTAMP, DATE or TIME {@code x}. */
    static ResolvedScalar floorCeil(String name, List<SqlType> types, List<Object> constants)
            throws FunctionResolutionException {
        Args.arity(name, types, 2, 2);
        SqlType t = types.get(0);
        String unit = Args.constantString(name, types, constants, 1, "the unit").toUpperCase(Locale.ROOT);
        boolean ceil = !name.equals("FLOOR");
        ResolvedScalar.Impl floor = floorTimestamp(name, unit);
        ResolvedScalar.Impl onMillis = ceil ? args -> {
            long v = (Long) args[0];
            long f = (Long) floor.apply(args);
            return f == v ? v : (Long) floor.apply(new Object[] {next(f, unit)});
        } : floor;
        ResolvedScalar.Impl impl = switch (t.name()) {
            case TIMESTAMP -> onMillis;
            case DATE -> args -> (int) Math.floorDiv(
                    (Long) onMillis.apply(new Object[] {(Integer) args[0] * MILLIS_PER_DAY}), MILLIS_PER_DAY);
            case TIME -> {
                if (!List.of("HOUR", "MINUTE", "SECOND").contains(unit)) {
                    throw new FunctionResolutionException(name + " cannot round a TIME to " + unit);
                }
                yield args -> (int) (long) (Long) onMillis.apply(new Object[] {((Integer) args[0]).longValue()});
            }
            case INTERVAL_DAY_TIME -> {
                long size = switch (unit) {
                    case "SECOND" -> 1000L;
                    case "MINUTE" -> 60_000L;
                    case "HOUR" -> 3_600_000L;
                    case "DAY" -> MILLIS_PER_DAY;
                    default -> throw new FunctionResolutionException(name + " cannot round a day-time interval to "
                            + unit);
                };
                yield ceil ? args -> -Math.floorDiv(-(Long) args[0], size) * size
                        : args -> Math.floorDiv((Long) args[0], size) * size;
            }
            default -> throw new FunctionResolutionException(name + " TO " + unit + " needs a datetime, not " + t);
        };
        return ResolvedScalar.of(name, t, Args.strict(impl));
    }

    private static ResolvedScalar.Impl floorTimestamp(String name, String unit) throws FunctionResolutionException {
        return switch (unit) {
            case "MILLISECOND" -> args -> args[0];
            case "SECOND" -> args -> Math.floorDiv((Long) args[0], 1000L) * 1000;
            case "MINUTE" -> args -> Math.floorDiv((Long) args[0], 60_000L) * 60_000;
            case "HOUR" -> args -> Math.floorDiv((Long) args[0], 3_600_000L) * 3_600_000;
            case "DAY" -> args -> Math.floorDiv((Long) args[0], MILLIS_PER_DAY) * MILLIS_PER_DAY;
            case "WEEK" -> args -> dayStart(LocalDate.ofEpochDay(Math.floorDiv((Long) args[0], MILLIS_PER_DAY))
                    .with(TemporalAdjusters.previousOrSame(DayOfWeek.SUNDAY)));
            case "MONTH" -> args -> dayStart(local(args).toLocalDate().withDayOfMonth(1));
            case "QUARTER" -> args -> {
                LocalDate d = local(args).toLocalDate();
                return dayStart(LocalDate.of(d.getYear(), (d.getMonthValue() - 1) / 3 * 3 + 1, 1));
            };
            case "YEAR" -> args -> dayStart(local(args).toLocalDate().withDayOfYear(1));
            default -> throw new FunctionResolutionException(name + " cannot round to " + unit);
        };
    }

    /** A moment inside the unit after the one starting at {@code floor}. */
    private static long next(long floor, String unit) {
        LocalDateTime t = Datetimes.toLocal(floor);
        return Datetimes.toMillis(switch (unit) {
            case "SECOND" -> t.plusSeconds(1);
            case "MINUTE" -> t.plusMinutes(1);
            case "HOUR" -> t.plusHours(1);
            case "DAY" -> t.plusDays(1);
            case "WEEK" -> t.plusWeeks(1);
            case "MONTH" -> t.plusMonths(1);
            case "QUARTER" -> t.plusMonths(3);
            case "YEAR" -> t.plusYears(1);
            default -> t;
        });
    }

    private static long dayStart(LocalDate d) {
        return d.toEpochDay() * MILLIS_PER_DAY;
    }

    /** {@code STEP(ts BY interval)}: epoch-aligned, NULL in gives NULL. */
    static ResolvedScalar step(String name, List<SqlType> types) throws FunctionResolutionException {
        SqlType t = types.get(0);
        SqlType by = types.get(1);
        if (by == null || !TypeRules.isInterval(by.name())) {
            throw new FunctionResolutionException(name + " of a " + t + " needs an interval to step by, not " + by);
        }
        boolean months = by.name() == SqlTypeName.INTERVAL_YEAR_MONTH;
        ResolvedScalar.Impl onMillis = months ? args -> {
            int n = positive((Integer) args[1]);
            LocalDate d = Datetimes.toLocal((Long) args[0]).toLocalDate();
            long m = (d.getYear() - 1970L) * 12 + d.getMonthValue() - 1;
            long stepped = Math.floorDiv(m, n) * n;
            return dayStart(LocalDate.of(1970, 1, 1).plusMonths(stepped));
        } : args -> {
            long n = positive((Long) args[1]);
            return Math.floorDiv((Long) args[0], n) * n;
        };
        ResolvedScalar.Impl impl = switch (t.name()) {
            case TIMESTAMP -> onMillis;
            case DATE -> args -> (int) Math.floorDiv((Long) onMillis.apply(
                    new Object[] {(Integer) args[0] * MILLIS_PER_DAY, args[1]}), MILLIS_PER_DAY);
            case TIME -> {
                if (months) {
                    throw new FunctionResolutionException(name + " cannot step a TIME by months");
                }
                yield args -> (int) (long) (Long) onMillis.apply(new Object[] {((Integer) args[0]).longValue(),
                        args[1]});
            }
            default -> throw new FunctionResolutionException(name + " needs a number or a datetime, not " + t);
        };
        return ResolvedScalar.of(name, t, Args.strict(impl));
    }

    private static long positive(long n) {
        if (n <= 0) {
            throw Values.dataError("STEP needs a positive interval, not " + n);
        }
        return n;
    }

    private static int positive(int n) {
        if (n <= 0) {
            throw Values.dataError("STEP needs a positive interval, not " + n + " months");
        }
        return n;
    }

    private static ResolvedScalar tsdiff(String name, List<SqlType> types, List<Object> constants)
            throws FunctionResolutionException {
        Args.arity(name, types, 2, 2);
        Args.require(name, types, 0, "a BIGINT or TIMESTAMP", DateTimeFunctions::timestampLike);
        Args.require(name, types, 1, "a BIGINT or TIMESTAMP", DateTimeFunctions::timestampLike);
        return ResolvedScalar.of(name, SqlType.BIGINT, Args.strict(
                args -> Values.asLong(args[1]) - Values.asLong(args[0])));
    }

    private static DateFormatSource format(String name, List<Object> constants) throws FunctionResolutionException {
        if (Args.constant(constants, 0) instanceof String f) {
            try {
                DateFormat compiled = DateFormat.compile(f);
                return text -> compiled;
            } catch (IllegalArgumentException e) {
                throw new FunctionResolutionException(name + ": " + e.getMessage());
            }
        }
        FormatCache cache = new FormatCache();
        return cache::get;
    }

    private static ResolvedScalar charTo(String name, List<SqlType> types, List<Object> constants)
            throws FunctionResolutionException {
        Args.arity(name, types, 2, 2);
        Args.character(name, types, 0);
        Args.character(name, types, 1);
        DateFormatSource formats = format(name, constants);
        ResolvedScalar.Impl parse = args -> formats.get((String) args[0]).parse((String) args[1]);
        return switch (name) {
            case "CHAR_TO_DATE" -> ResolvedScalar.of(name, SqlType.DATE, Args.strict(
                    args -> (int) Math.floorDiv((Long) parse.apply(args), MILLIS_PER_DAY)));
            case "CHAR_TO_TIME" -> ResolvedScalar.of(name, SqlType.TIME, Args.strict(
                    args -> (int) Math.floorMod((Long) parse.apply(args), MILLIS_PER_DAY)));
            default -> ResolvedScalar.of(name, SqlType.TIMESTAMP, Args.strict(parse));
        };
    }

    private static ResolvedScalar toChar(String name, List<SqlType> types, List<Object> constants)
            throws FunctionResolutionException {
        Args.arity(name, types, 2, 2);
        Args.character(name, types, 0);
        SqlTypeName expected = switch (name) {
            case "DATE_TO_CHAR" -> SqlTypeName.DATE;
            case "TIME_TO_CHAR" -> SqlTypeName.TIME;
            default -> SqlTypeName.TIMESTAMP;
        };
        Args.require(name, types, 1, "a " + expected, t -> t == expected);
        DateFormatSource formats = format(name, constants);
        SqlType result = SqlType.varchar(1024);
        return switch (expected) {
            case DATE -> ResolvedScalar.of(name, result, Args.strict(args -> formats.get((String) args[0])
                    .format((Integer) args[1] * MILLIS_PER_DAY)));
            case TIME -> ResolvedScalar.of(name, result, Args.strict(args -> formats.get((String) args[0])
                    .format(((Integer) args[1]).longValue())));
            default -> ResolvedScalar.of(name, result, args -> {
                if (args[0] == null) {
                    return null;
                }
                return args[1] == null ? "null" : formats.get((String) args[0]).format((Long) args[1]);
            });
        };
    }

    private static ResolvedScalar toTimestamp(String name, List<SqlType> types, List<Object> constants)
            throws FunctionResolutionException {
        Args.arity(name, types, 1, 1);
        Args.exactInteger(name, types, 0);
        return ResolvedScalar.of(name, SqlType.TIMESTAMP, Args.strict(args -> Values.asLong(args[0])));
    }

    private static ResolvedScalar unixTimestamp(String name, List<SqlType> types, List<Object> constants)
            throws FunctionResolutionException {
        Args.arity(name, types, 1, 1);
        Args.require(name, types, 0, "a TIMESTAMP", t -> t == SqlTypeName.TIMESTAMP);
        return ResolvedScalar.of(name, SqlType.BIGINT, Args.strict(args -> args[0]));
    }

    /** The compiled format for a format text. */
    @FunctionalInterface
    private interface DateFormatSource {
        DateFormat get(String text);
    }

    /** The last non-literal format seen, compiled; racing threads at worst compile twice. */
    private static final class FormatCache {
        private record Entry(String text, DateFormat format) {
        }

        private Entry last;

        DateFormat get(String text) {
            Entry e = last;
            if (e == null || !e.text.equals(text)) {
                try {
                    e = new Entry(text, DateFormat.compile(text));
                } catch (IllegalArgumentException ex) {
                    throw Values.dataError(ex.getMessage());
                }
                last = e;
            }
            return e.format;
        }
    }
}
