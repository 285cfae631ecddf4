package io.sluice.analytics.plan;

import io.sluice.analytics.type.Column;
import io.sluice.analytics.type.RowType;
import io.sluice.analytics.type.SqlType;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The columns an expression may name, in the order of the row it is evaluated over, each with the qualifier
 * (alias or stream name) it answers to; plus, for expressions over a grouped or windowed row, the expressions
 * whose value already sits in a slot of that row (group keys, aggregates). Immutable.
 */
final class Scope {

    static final String ROWTIME = "ROWTIME";
    private static final java.util.regex.Pattern QUALIFIED_ROWTIME =
            java.util.regex.Pattern.compile("(`(?:[^`]|``)*`\\.)+`ROWTIME`");

    /** One column of the row. */
    record Field(String qualifier, String name, SqlType type, boolean hidden) {
    }

    /**
     * An expression computed upstream whose value is in {@code slot} of the row; {@code column} is the field it
     * reads when it is a plain column reference, else -1.
     */
    record Slot(SqlNode expression, int slot, SqlType type, int column) {
    }

    /** What an identifier names: a slot of the row, or (index -1) the row's ROWTIME. */
    record Resolved(int index, SqlType type) {
        boolean isRowtime() {
            return index < 0;
        }
    }

    private final List<Field> fields;
    private final List<Slot> slots;
    /** When set, a plain column may not be named: only slots (GROUP BY keys) and ROWTIME. */
    private final boolean slotsOnly;
    /** Qualifiers that name the fields without one of their own: the FROM's, in a query's ORDER BY. */
    private final Set<String> aliases;

    private Scope(List<Field> fields, List<Slot> slots, boolean slotsOnly) {
        this(fields, slots, slotsOnly, Set.of());
    }

    private Scope(List<Field> fields, List<Slot> slots, boolean slotsOnly, Set<String> aliases) {
        this.fields = List.copyOf(fields);
        this.slots = List.copyOf(slots);
        this.slotsOnly = slotsOnly;
        this.aliases = Set.copyOf(aliases);
    }

    static Scope of(String qualifier, RowType type) {
        List<Field> fields = new ArrayList<>();
        for (Column c : type.columns()) {
            fields.add(new Field(qualifier, c.name(), c.type(), c.hidden()));
        }
        return new Scope(fields, List.of(), false);
    }

    /**
     * The scope of a query's output row as its ORDER BY sees it: the output columns by name, which the FROM's
     * qualifiers (its streams' names and aliases) may also qualify, as in {@code ORDER BY FLOOR(s.ROWTIME TO
     * SECOND), s.score DESC}.
     */
    static Scope output(RowType type, Scope from) {
        Set<String> qualifiers = new HashSet<>();
        for (Field f : from.fields) {
            if (f.qualifier() != null) {
                qualifiers.add(f.qualifier());
            }
        }
        return new Scope(of(null, type).fields, List.of(), false, qualifiers);
    }

    /** The scope of a row made of this row's values followed by {@code right}'s (a join's output). */
    Scope concat(Scope right) {
        List<Field> all = new ArrayList<>(fields);
        all.addAll(right.fields);
        return new Scope(all, List.of(), false);
    }

    /**
     * The scope of a grouped row: its slots hold the given expressions (over this scope's names); other columns of
     * this scope may not be named, and a column that is a group key reads its slot.
     */
    Scope grouped(List<Slot> groupSlots) {
        return new Scope(fields, groupSlots, true);
    }

    /** This scope with extra slots appended to what the row holds (a sliding window's results). */
    Scope withSlots(List<Slot> extra) {
        List<Slot> all = new ArrayList<>(slots);
        all.addAll(extra);
        return new Scope(fields, all, slotsOnly);
    }

    List<Field> fields() {
        return fields;
    }

    int width() {
        return fields.size();
    }

    /**
     * The slot holding an expression equal to {@code node}, or null. {@code FLOOR(ROWTIME TO MINUTE)} and
     * {@code FLOOR(s.ROWTIME TO MINUTE)} are the same expression: a single-input query has one ROWTIME.
     */
    Slot slotOf(SqlNode node) {
        if (slots.isEmpty() || node instanceof SqlIdentifier || node instanceof org.apache.calcite.sql.SqlLiteral) {
            return null;
        }
        String text = canonical(node);
        for (Slot s : slots) {
            if (canonical(s.expression()).equals(text)) {
                return s;
            }
        }
        return null;
    }

    private static String canonical(SqlNode node) {
        return QUALIFIED_ROWTIME.matcher(node.toString()).replaceAll("`ROWTIME`");
    }

    Resolved resolve(SqlIdentifier id) {
        List<String> names = id.names;
        if (names.size() == 3) {
            // t.r.COLUMN1: a field of a ROW column that a subquery flattened to "R.COLUMN1"
            return resolve(id, names.get(0), names.get(1) + "." + names.get(2));
        }
        if (names.size() > 3) {
            throw new PlanningException("compound name " + id + " is not supported", id);
        }
        String name = names.get(names.size() - 1);
        String qualifier = names.size() == 2 ? names.get(0) : null;
        if (qualifier != null && !knowsQualifier(qualifier) && !name.equals(ROWTIME)
                && hasField(qualifier + "." + name)) {
            return resolve(id, null, qualifier + "." + name);
        }
        return resolve(id, qualifier, name);
    }

    private Resolved resolve(SqlIdentifier id, String qualifier, String name) {
        int found = -1;
        for (int i = 0; i < fields.size(); i++) {
            Field f = fields.get(i);
            if (f.name().equals(name) && (qualifier == null || qualifier.equals(f.qualifier())
                    || f.qualifier() == null && aliases.contains(qualifier))) {
                if (found >= 0) {
                    throw new PlanningException("column " + id + " is ambiguous", id);
                }
                found = i;
            }
        }
        if (found >= 0) {
            if (slotsOnly) {
                for (Slot slot : slots) {
                    if (slot.column() == found) {
                        return new Resolved(slot.slot(), slot.type());
                    }
                }
                throw new PlanningException("column " + id + " must appear in GROUP BY or in an aggregate", id);
            }
            return new Resolved(found, fields.get(found).type());
        }
        if (name.equals(ROWTIME) && (qualifier == null || knowsQualifier(qualifier))) {
            return new Resolved(-1, SqlType.TIMESTAMP);
        }
        if (qualifier != null && !knowsQualifier(qualifier)) {
            throw new PlanningException("unknown stream or alias " + qualifier + " in " + id, id);
        }
        throw new PlanningException("unknown column " + id, id);
    }

    private boolean hasField(String name) {
        for (Field f : fields) {
            if (f.name().equals(name)) {
                return true;
            }
        }
        return false;
    }

    private boolean knowsQualifier(String qualifier) {
        if (aliases.contains(qualifier)) {
            return true;
        }
        for (Field f : fields) {
            if (qualifier.equals(f.qualifier())) {
                return true;
            }
        }
        return fields.isEmpty();
    }
}
