import JointPlanCore

/// The plan's KPIs (PLAN) and `solver.objective` (OBJ), both recomputed from scratch.
extension CheckRun {
    var unplacedKeys: [SessionKey] { allKeys.filter { placed[$0] == nil } }
    var outsidePreferredCount: Int { placed.values.filter { !$0.inPreferred }.count }

    /// PLAN: every KPI equals its recomputation.
    mutating func checkKPIs(hasReference: Bool) {
        let kpis = plan.kpis
        let mandatory = unplacedKeys.filter { requestsByID[$0.request]?.priority == .mandatory }.count
        let unmerged = placed.values.filter(\.weekIsValid).reduce(0) { $0 + Set($1.request.targets).count }
        let counts: [(String, Int, Int)] = [
            ("sessions", kpis.sessions, allKeys.count),
            ("scheduled", kpis.scheduled, placed.count),
            ("mandatory_unscheduled", kpis.mandatoryUnscheduled, mandatory),
            ("visits", kpis.visits, visits.count),
            ("visits_if_unmerged", kpis.visitsIfUnmerged, unmerged),
            ("outside_preferred", kpis.outsidePreferred, outsidePreferredCount),
        ] + (hasReference ? [("moved", kpis.moved, moved)] : [])
        for (name, stated, derived) in counts where stated != derived {
            log.add(.plan, "kpis.\(name) is \(stated), recomputed \(derived)")
        }
        checkPerDepartment("overload_officer_days", kpis.overloadOfficerDays, overloadByDepartment())
        checkPerDepartment("peak_utilisation", kpis.peakUtilisation, peakUtilisationByDepartment())
    }

    /// Compares a per-department KPI map; a department missing from the map counts as 0.
    private mutating func checkPerDepartment(_ name: String, _ stated: [String: Double], _ derived: [String: Double]) {
        for department in scenario.departments {
            let value = stated[department.id] ?? 0, expected = derived[department.id] ?? 0
            if !nearlyEqual(value, expected) {
                log.add(.plan, "kpis.\(name).\(department.id) is \(formatNumber(value)), recomputed \(formatNumber(expected))")
            }
        }
        for key in stated.keys.sorted() where departmentsByID[key] == nil {
            log.add(.plan, "kpis.\(name) names unknown department '\(key)'")
        }
    }

    /// Recomputes the §5 objective and reports OBJ when `solver.objective` differs from it.
    mutating func checkObjective() -> Double {
        let weights = scenario.objective
        let unscheduled = unplacedKeys.reduce(0.0) { total, key in
            total + (requestsByID[key.request].map { weights.unscheduled($0.priority) } ?? 0)
        }
        let visitCost = weights.visit * Double(visits.count)
        let preferenceCost = weights.outsidePreferred * Double(outsidePreferredCount)
        let overload = overloadByDepartment()
        let overloadCost = weights.overload * overload.keys.sorted().reduce(0.0) { $0 + overload[$1]! }
        let moveCost = weights.move * Double(moved)
        let total = unscheduled + visitCost + preferenceCost + overloadCost + moveCost
        let stated = plan.solver.objective
        // "Exactly this sum" (§5): the plan rounds to 6 decimals, so 2e-6 absolute, plus 1e-9 relative for the
        // float sums of very large weights. (1e-6 relative let an over-committed year's 2,000,100 be 2 off.)
        if !stated.isFinite || abs(stated - total) > 1e-9 * max(1, abs(total)) + 2e-6 {
            let terms = [("unscheduled", unscheduled), ("visits", visitCost), ("outside_preferred", preferenceCost),
                         ("overload", overloadCost), ("moves", moveCost)]
            let breakdown = terms.map { "\($0.0) \(formatNumber($0.1))" }.joined(separator: ", ")
            log.add(.objective, "solver.objective is \(formatNumber(stated)), recomputed \(formatNumber(total)) (\(breakdown))")
        }
        checkBoundAndGap(objective: stated)
        return total
    }

    /// The bound is a lower bound on the objective, and the gap is (objective − bound) / max(1, |objective|)
    /// (§5): both follow from the plan alone. Whether the status matches the gap depends on `--gap`, which the
    /// plan does not record, so only the status names are checked.
    mutating func checkBoundAndGap(objective: Double) {
        let solver = plan.solver
        guard objective.isFinite, solver.bound.isFinite, solver.gap.isFinite else {
            log.add(.plan, "solver: objective, bound and gap must be numbers")
            return
        }
        if solver.bound > objective + 1e-9 * max(1, abs(objective)) + 2e-6 {
            log.add(.plan, "solver.bound \(formatNumber(solver.bound)) is above the objective \(formatNumber(objective)): not a lower bound")
        }
        let gap = (objective - solver.bound) / max(1, abs(objective))
        if abs(gap - solver.gap) > 2e-6 {
            log.add(.plan, "solver.gap is \(formatNumber(solver.gap)), (objective − bound) / max(1, |objective|) is \(formatNumber(gap))")
        }
        if !["optimal", "feasible", "heuristic"].contains(solver.status) {
            log.add(.plan, "solver.status '\(solver.status)' is not optimal, feasible or heuristic")
        }
    }
}
