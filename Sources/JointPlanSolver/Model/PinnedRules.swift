import JointPlanCore

/// H7 when pinned sessions break a rule on their own (a changed scenario cut the staff, closed a region,
/// tightened a visit cap): they stay where they are and the conflict is reported, never "solved" by
/// unpinning. The rows they break are relaxed to exactly what the pinned sessions need, so every other
/// session still has to keep the rule against them (a relaxed capacity row admits no further load).
///
/// Rule-agnostic on purpose: pinned placements are fixed columns; bounds they imply through rows with
/// one negative side (x ≤ v, the visit and synchronisation indicators; the overload columns) are
/// propagated; a row whose least possible activity exceeds its upper bound is raised to that activity.
/// A row that some placement could keep is never touched, so a model without such conflicts (every
/// fix-and-optimize sub-model, whose fixed sessions come from a valid plan) is left exactly as built.
enum PinnedRules {
    struct RelaxedRow: Equatable {
        var name: String
        var needed: Double
        var limit: Double
    }

    static func relaxConflicts(in model: inout PlanningModel, _ instance: PlanningInstance) {
        guard instance.sessions.contains(where: { $0.pinnedWeek != nil }) else { return }
        let columns = model.linear.columns
        var lower = columns.map(\.lower)
        let upper = columns.map { $0.upper ?? .infinity }
        // Implied lower bounds: a row Σ a·x ≤ u with a_j < 0 forces x_j ≥ (u − rest) / a_j, where rest is
        // the least the other terms can contribute. Lower bounds only grow, so a few passes settle it.
        for _ in 0..<8 {
            var changed = false
            for row in model.linear.rows {
                guard let bound = row.upper else { continue }
                var least = 0.0
                for term in row.terms {
                    least += term.coefficient > 0 ? term.coefficient * lower[term.column] : term.coefficient * upper[term.column]
                }
                guard least.isFinite else { continue }
                for term in row.terms where term.coefficient < 0 {
                    let rest = least - term.coefficient * upper[term.column]
                    var implied = (bound - rest) / term.coefficient
                    if columns[term.column].kind == .binary { implied = (implied - 1e-9).rounded(.up) }
                    implied = min(implied, upper[term.column])
                    if implied > lower[term.column] + 1e-9 {
                        lower[term.column] = implied
                        changed = true
                    }
                }
            }
            if !changed { break }
        }
        // Raise every row that cannot hold even at its least activity (negative terms at their upper
        // bounds): only the pinned sessions and what they force can make that happen.
        for (index, row) in model.linear.rows.enumerated() {
            guard let bound = row.upper else { continue }
            let activity = row.terms.reduce(0.0) { total, term in
                total + term.coefficient * (term.coefficient > 0 ? lower[term.column] : upper[term.column])
            }
            if activity.isFinite, activity > bound + 1e-7 {
                model.linear.raiseUpper(ofRow: index, to: activity)
                model.relaxedRows.append(RelaxedRow(name: row.name, needed: activity, limit: bound))
            }
        }
    }
}
