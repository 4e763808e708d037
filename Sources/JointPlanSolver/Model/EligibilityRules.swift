import JointPlanCore

/// H1 (a session is placed at most once), H2 (only in weeks where its days fit its window and region),
/// H7 (pinned sessions keep their week), and the per-placement objective terms: the `unscheduled`
/// weight (as a constant minus a saving per placement), `outside_preferred` and `move`.
enum EligibilityRules {
    static func add(to model: inout PlanningModel, _ instance: PlanningInstance) {
        for session in instance.sessions {
            let key = session.key
            // Unscheduled is the default: its weight is a constant, and placing the session saves it.
            model.linear.constant += instance.weights.unscheduled(session.priority)
            var columns: [(week: Int, column: Int)] = []
            for candidate in session.candidates {
                if let pinned = session.pinnedWeek, pinned != candidate.week { continue }
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
}
