package io.sluice.analytics.plan;

import io.sluice.analytics.ml.TableFunctions;
import io.sluice.analytics.program.Catalog;
import io.sluice.analytics.runtime.Expr;
import io.sluice.analytics.type.Column;
import io.sluice.analytics.type.RowType;
import io.sluice.analytics.type.SqlType;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Plans a whole application: the streams its code creates and its pumps, resolved against the catalog. Streams
 * are known before any pump is planned, so a pump may name a stream created further down the code, as KDA's
 * console accepts. A pump feeding a stream it reads, directly or through other pumps, is refused (it would
 * never end).
 *
 * <p><b>Threading</b>: one compilation; not shared.
 */
final class ProgramPlanner {

    /** A {@code CREATE [OR REPLACE] STREAM}: its visible columns. */
    record StreamDefinition(String name, List<Column> columns, boolean replace, SqlNode at) {
    }

    /** A {@code CREATE [OR REPLACE] PUMP name AS INSERT INTO ...}. */
    record PumpDefinition(String name, SqlInsert insert, boolean replace, SqlNode at) {
    }

    private final ExprCompiler exprs;
    private final TableFunctions tableFunctions;

    ProgramPlanner(ExprCompiler exprs, TableFunctions tableFunctions) {
        this.exprs = exprs;
        this.tableFunctions = tableFunctions;
    }

    KdaProgram plan(List<StreamDefinition> streamDefinitions, List<PumpDefinition> pumpDefinitions,
                    Catalog catalog) {
        Map<String, RowType> created = new LinkedHashMap<>();
        for (StreamDefinition s : streamDefinitions) {
            if (catalog.inputStreams().containsKey(s.name()) || catalog.referenceTables().containsKey(s.name())) {
                throw new PlanningException("stream " + s.name() + " already exists as an input or reference "
                        + "table", s.at());
            }
            if (created.containsKey(s.name()) && !s.replace()) {
                throw new PlanningException("stream " + s.name() + " is created twice", s.at());
            }
            try {
                created.put(s.name(), new RowType(s.columns()));
            } catch (IllegalArgumentException e) {
                throw new PlanningException("stream " + s.name() + ": " + e.getMessage(), s.at());
            }
        }
        List<PumpPlan> checked = pumps(pumpDefinitions, created, catalog);
        refuseCycles(checked, pumpDefinitions);
        List<PumpDefinition> definitions = List.copyOf(pumpDefinitions);
        return new KdaProgram(created, catalog.inputStreams(), catalog.referenceTables().keySet(), clock -> {
            try {
                return new ProgramPlanner(exprs.withClock(clock), tableFunctions).pumps(definitions, created,
                        catalog);
            } catch (PlanningException e) {
                throw new IllegalStateException("code that compiled no longer plans: " + e.getMessage(), e);
            }
        });
    }

    private List<PumpPlan> pumps(List<PumpDefinition> pumpDefinitions, Map<String, RowType> created,
                                 Catalog catalog) {
        Map<String, RowType> readable = new HashMap<>(catalog.inputStreams());
        readable.putAll(created);
        QueryPlanner queries = new QueryPlanner(exprs, tableFunctions, readable, catalog.referenceTables());
        Map<String, PumpPlan> pumps = new LinkedHashMap<>();
        for (PumpDefinition p : pumpDefinitions) {
            if (pumps.containsKey(p.name()) && !p.replace()) {
                throw new PlanningException("pump " + p.name() + " is created twice", p.at());
            }
            pumps.put(p.name(), pump(p, created, queries));
        }
        return new ArrayList<>(pumps.values());
    }

    private PumpPlan pump(PumpDefinition definition, Map<String, RowType> created, QueryPlanner queries) {
        SqlInsert insert = definition.insert();
        SqlNode targetNode = insert.getTargetTable();
        if (!(targetNode instanceof SqlIdentifier targetId) || targetId.names.size() != 1) {
            throw new PlanningException("INSERT INTO " + targetNode + ": the target must be a stream name",
                    targetNode);
        }
        String target = targetId.getSimple();
        RowType targetType = created.get(target);
        if (targetType == null) {
            throw new PlanningException("INSERT INTO " + target + ": no stream " + target
                    + " is created by this code", targetNode);
        }
        PlannedQuery query = queries.plan(insert.getSource());
        SqlNodeList columnList = insert.getTargetColumnList();
        int[] positions = new int[query.type().size()];
        if (columnList == null) {
            if (query.type().size() != targetType.size()) {
                throw new PlanningException("INSERT INTO " + target + " gives " + query.type().size()
                        + " values for " + targetType.size() + " columns", insert.getSource());
            }
            for (int i = 0; i < positions.length; i++) {
                positions[i] = i;
            }
        } else {
            if (columnList.size() != query.type().size()) {
                throw new PlanningException("INSERT INTO " + target + " names " + columnList.size()
                        + " columns but the query gives " + query.type().size() + " values", columnList);
            }
            Set<Integer> seen = new HashSet<>();
            for (int i = 0; i < positions.length; i++) {
                SqlIdentifier column = (SqlIdentifier) columnList.get(i);
                int index = targetType.indexOf(column.getSimple());
                if (index < 0) {
                    throw new PlanningException("stream " + target + " has no column " + column.getSimple(),
                            column);
                }
                if (!seen.add(index)) {
                    throw new PlanningException("column " + column.getSimple() + " is named twice", column);
                }
                positions[i] = index;
            }
        }
        Expr[] assignment = new Expr[targetType.size()];
        for (int j = 0; j < assignment.length; j++) {
            assignment[j] = (rowtime, row) -> null;
        }
        for (int i = 0; i < positions.length; i++) {
            int source = i;
            SqlType from = query.type().column(i).type();
            SqlType to = targetType.column(positions[i]).type();
            Typed value = Typed.of((rowtime, row) -> row[source], from);
            assignment[positions[i]] = exprs.convert(value, to, insert.getSource(), false);
        }
        return new PumpPlan(definition.name(), target, query, assignment);
    }

    private static void refuseCycles(Iterable<PumpPlan> pumps, List<PumpDefinition> definitions) {
        Map<String, Set<String>> feeds = new HashMap<>();
        for (PumpPlan p : pumps) {
            for (String read : p.query().reads()) {
                feeds.computeIfAbsent(read, r -> new HashSet<>()).add(p.target());
            }
        }
        for (PumpPlan p : pumps) {
            if (reaches(p.target(), p.query().reads(), feeds, new HashSet<>())) {
                SqlNode at = null;
                for (PumpDefinition d : definitions) {
                    if (d.name().equals(p.name())) {
                        at = d.at();
                    }
                }
                throw new PlanningException("pump " + p.name() + " feeds a stream it reads from", at);
            }
        }
    }

    private static boolean reaches(String from, Set<String> goals, Map<String, Set<String>> feeds,
                                   Set<String> visited) {
        if (goals.contains(from)) {
            return true;
        }
        if (!visited.add(from)) {
            return false;
        }
        for (String next : feeds.getOrDefault(from, Set.of())) {
            if (reaches(next, goals, feeds, visited)) {
                return true;
            }
        }
        return false;
    }
}
