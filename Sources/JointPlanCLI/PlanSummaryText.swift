import JointPlanCore

/// The short summary `plan` prints after solving.
enum PlanSummaryText {
    static func render(_ plan: PlanDocument, writtenTo folder: String?) -> String {
        let solver = plan.solver
        let kpis = plan.kpis
        var lines = [
            "\(plan.scenario.name) (\(plan.scenario.year))",
            "  sessions: \(kpis.scheduled) of \(kpis.sessions) scheduled, \(kpis.mandatoryUnscheduled) mandatory unscheduled",
            "  visits: \(kpis.visits) (\(kpis.visitsIfUnmerged) if unmerged), outside preferred: \(kpis.outsidePreferred)",
            "  solver: \(solver.status), objective \(String(format1: solver.objective)), bound \(String(format1: solver.bound)), gap \(String(format1: solver.gap * 100))%, \(String(format1: solver.seconds)) s, \(solver.rows) rows × \(solver.columns) columns",
        ]
        if kpis.moved > 0 { lines.append("  moved from the reference: \(kpis.moved)") }
        if let folder { lines.append("  written to \(folder)/") }
        if kpis.mandatoryUnscheduled > 0 {
            lines.append("  mandatory sessions unscheduled:")
            for session in plan.unscheduled where session.priority == Priority.mandatory.rawValue {
                lines.append("    \(session.request) round \(session.round) in \(session.region)")
            }
        }
        return lines.joined(separator: "\n")
    }
}
