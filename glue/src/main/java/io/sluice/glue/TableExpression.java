package io.sluice.glue;

import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * GetTables' {@code Expression}: a regular expression the whole table name must match, case-insensitively, where a
 * {@code *} not after a {@code .} stands for any characters (Hive's pattern style, which Glue accepts too). One
 * that does not compile is an InvalidInputException. Stateless.
 */
final class TableExpression {

    private TableExpression() {
    }

    static Predicate<Table> of(String expression) {
        if (expression == null || expression.isEmpty()) {
            return t -> true;
        }
        StringBuilder regex = new StringBuilder(expression.length() + 8);
        for (int i = 0; i < expression.length(); i++) {
            char ch = expression.charAt(i);
            boolean escaped = i > 0 && expression.charAt(i - 1) == '\\';
            if (ch == '*' && !escaped && (i == 0 || expression.charAt(i - 1) != '.')) {
                regex.append(".*");
            } else {
                regex.append(ch);
            }
        }
        try {
            Pattern pattern = Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE);
            return t -> pattern.matcher(t.name()).matches();
        } catch (PatternSyntaxException e) {
            throw TableRules.invalid("Expression " + expression + " is not a valid pattern: " + e.getDescription());
        }
    }
}
