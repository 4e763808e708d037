import JointPlanCore

/// H1 (a session is placed at most once), H2 (only in weeks where its days fit its window and region),
/// H7 (pinned sessions keep their week), and the per-placement objective terms: the `unscheduled`
/// weight (as a constant minus a saving per placement), `outside_preferred` and `move`.
///
/// A week where one of the session's pools has less free capacity than the session alone needs gets no
/// column: H3 rules it out anyway, and its column only let the LP relaxation place a fraction of the
/// session there (generated S: LP bound 11,890 with them, 14,690 without). Elastic models (`elastic`,
/// the shortfall analysis) may buy capacity and keep every week; a pinned session keeps its week (H7).
enum EligibilityRules {
    static func add(to model: inout PlanningModel, _ instance: PlanningInstance, elastic: Bool = false) {
        for session in instance.sessions {
            let key = session.key
            // Unscheduled is the default: its weight is a constant, and placing the session saves it.
            model.linear.constant += instance.weights.unscheduled(session.priority)
            var columns: [(week: Int, column: Int)] = []
            let loads = Set(session.draws.map(\.pool)).map { (pool: $0, officerDays: session.officerDays($0)) }
            for candidate in session.candidates {
                if let pinned = session.pinnedWeek, pinned != candidate.week { continue }
                if session.pinnedWeek == nil, !elastic, !fits(loads, week: candidate.week, instance) { continue }
                let column = model.linear.addColumn(
                    ModelName.make(["x", key.request, key.round, key.region, "w\(candidate.week)"]), .binary,
                    cost: instance.placementCost(session, candidate))
                if session.pinnedWeek != nil { model.linear.fix(column, to: 1) }
                columns.append((candidate.week, column))
            }
            model.placementColumns.append(columns)
            if columns.count > 1 {
                model.linear.addRow(ModelName.make(["once", key.request, key.round, key.region]),
                                    columns.map { ($0.column, 1.0) }, upper: 1)
            }
        }
    }

    /// Whether each pool has, in `week`, free capacity for the session's own load on it.
    private static func fits(_ loads: [(pool: PoolKey, officerDays: Double)], week: Int,
                             _ instance: PlanningInstance) -> Bool {
        loads.allSatisfy { $0.officerDays <= instance.freeCapacity($0.pool, week: week) + 1e-9 }
    }
}
