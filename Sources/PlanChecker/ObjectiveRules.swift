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
        if !stated.isFinite || abs(stated - total) > 1e-6 * max(1, abs(total)) + 1e-6 {
            let terms = [("unscheduled", unscheduled), ("visits", visitCost), ("outside_preferred", preferenceCost),
                         ("overload", overloadCost), ("moves", moveCost)]
            let breakdown = terms.map { "\($0.0) \(formatNumber($0.1))" }.joined(separator: ", ")
            log.add(.objective, "solver.objective is \(formatNumber(stated)), recomputed \(formatNumber(total)) (\(breakdown))")
        }
        return total
    }
}
