package io.sluice.glue;

import java.util.Locale;
import java.util.Set;

/**
 * The Hive column types Glue tables use, checked against their grammar and written in one canonical spelling
 * (lower case, no spaces):
 * <pre>
 * type      := primitive | decimal [ '(' p [ ',' s ] ')' ] | char '(' n ')' | varchar '(' n ')'
 *            | array '&lt;' type '&gt;' | map '&lt;' primitive ',' type '&gt;'
 *            | struct '&lt;' field ':' type { ',' field ':' type } '&gt;' | uniontype '&lt;' type { ',' type } '&gt;'
 * primitive := tinyint | smallint | int | integer | bigint | float | double | boolean | string | binary
 *            | timestamp | date | decimal... | char(n) | varchar(n)
 * </pre>
 * Keywords are case-insensitive and blanks may stand between tokens; decimal's precision is 1 to 38 and its scale 0
 * to the precision (decimal alone is decimal(10,0) in Hive), char's length 1 to 255, varchar's 1 to 65535. A struct
 * field name is a word of letters, digits and underscores, or any text in backquotes. Stateless.
 */
public final class HiveTypes {

    private static final Set<String> PRIMITIVES = Set.of("tinyint", "smallint", "int", "integer", "bigint", "float",
            "double", "boolean", "string", "binary", "timestamp", "date");

    private HiveTypes() {
    }

    /**
     * The canonical spelling of {@code type}.
     *
     * @throws IllegalArgumentException naming what is wrong and where, if it is not a Hive type
     */
    public static String canonical(String type) {
        Parser parser = new Parser(type);
        String result = parser.type();
        parser.blanks();
        if (!parser.atEnd()) {
            throw parser.error("unexpected '" + type.substring(parser.at) + "'");
        }
        return result;
    }

    /** Recursive descent over one type string; not thread-safe (one per call). */
    private static final class Parser {
        private final String text;
        private int at;

        Parser(String text) {
            this.text = text;
        }

        String type() {
            String word = word().toLowerCase(Locale.ROOT);
            return switch (word) {
                case "decimal" -> decimal();
                case "char" -> "char(" + length(255) + ")";
                case "varchar" -> "varchar(" + length(65535) + ")";
                case "array" -> {
                    expect('<');
                    String element = type();
                    expect('>');
                    yield "array<" + element + ">";
                }
                case "map" -> {
                    expect('<');
                    int keyAt = at;
                    String key = type();
                    if (key.contains("<")) {
                        at = keyAt;
                        throw error("a map's key must be a primitive type, not " + key);
                    }
                    expect(',');
                    String value = type();
                    expect('>');
                    yield "map<" + key + "," + value + ">";
                }
                case "struct" -> struct();
                case "uniontype" -> {
                    StringBuilder out = new StringBuilder("uniontype<");
                    expect('<');
                    do {
                        out.append(out.length() > "uniontype<".length() ? "," : "").append(type());
                    } while (accept(','));
                    expect('>');
                    yield out.append('>').toString();
                }
                default -> {
                    if (!PRIMITIVES.contains(word)) {
                        throw error(word.isEmpty() ? "a type is missing" : "unknown type " + word);
                    }
                    yield word;
                }
            };
        }

        private String decimal() {
            if (!accept('(')) {
                return "decimal";
            }
            int precision = number();
            int scale = 0;
            boolean scaled = accept(',');
            if (scaled) {
                scale = number();
            }
            expect(')');
            if (precision < 1 || precision > 38) {
                throw error("decimal precision must be 1 to 38, not " + precision);
            }
            if (scale > precision) {
                throw error("decimal scale " + scale + " is larger than its precision " + precision);
            }
            return "decimal(" + precision + (scaled ? "," + scale : "") + ")";
        }

        private int length(int max) {
            expect('(');
            int n = number();
            expect(')');
            if (n < 1 || n > max) {
                throw error("length must be 1 to " + max + ", not " + n);
            }
            return n;
        }

        private String struct() {
            expect('<');
            StringBuilder out = new StringBuilder("struct<");
            do {
                blanks();
                String field = field();
                expect(':');
                out.append(out.length() > "struct<".length() ? "," : "").append(field).append(':').append(type());
            } while (accept(','));
            expect('>');
            return out.append('>').toString();
        }

        private String field() {
            if (at < text.length() && text.charAt(at) == '`') {
                int end = text.indexOf('`', at + 1);
                if (end < 0 || end == at + 1) {
                    throw error("a struct field name in backquotes is not closed or is empty");
                }
                String quoted = text.substring(at, end + 1);
                at = end + 1;
                return quoted;
            }
            String word = word();
            if (word.isEmpty()) {
                throw error("a struct field name is missing");
            }
            return word;
        }

        private String word() {
            blanks();
            int start = at;
            while (at < text.length() && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '_')) {
                at++;
            }
            return text.substring(start, at);
        }

        private int number() {
            blanks();
            int start = at;
            while (at < text.length() && at - start < 6 && text.charAt(at) >= '0' && text.charAt(at) <= '9') {
                at++;
            }
            if (start == at) {
                throw error("a number is missing");
            }
            return Integer.parseInt(text, start, at, 10);
        }

        private boolean accept(char c) {
            blanks();
            if (at < text.length() && text.charAt(at) == c) {
                at++;
                return true;
            }
            return false;
        }

        private void expect(char c) {
            if (!accept(c)) {
                throw error("'" + c + "' expected");
            }
        }

        void blanks() {
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
        }

        boolean atEnd() {
            return at == text.length();
        }

        IllegalArgumentException error(String why) {
            return new IllegalArgumentException("Invalid type '" + text + "' at position " + at + ": " + why);
        }
    }
}
