package io.sluice.analytics.plan;

import io.sluice.analytics.runtime.Expr;
import io.sluice.analytics.runtime.Project;

/**
 * A planned pump: its query, and the assignment of the query's columns to the target stream's columns (by
 * position through the INSERT's column list, converted to the column types; unlisted columns NULL).
 */
record PumpPlan(String name, String target, PlannedQuery query, Expr[] assignment) {

    /** Builds the pump's operators for a run: query, then assignment, then the target stream. */
    void build(Wiring wiring) {
        wiring.enterPump(name);
        query.builder().build(new Project(assignment, wiring.stream(target).writer()), wiring);
    }
}
