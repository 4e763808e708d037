import JointPlanCore
import JointPlanPublish

/// The short summary `plan` prints after solving.
enum PlanSummaryText {
    static func render(_ plan: PlanDocument, writtenTo folder: String?, scenario: Scenario? = nil) -> String {
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
        if let scenario, let shortfall = plan.shortfall {
            let text = AnalysisText(scenario: scenario, lang: .en)
            lines.append("  " + text.shortfallTitle(total: shortfall.reduce(0) { $0 + $1.officerDays }))
            if shortfall.isEmpty { lines.append("    " + text.noShortfall) }
            lines += shortfall.map { "    " + text.shortfallLine($0) }
            if let unsavable = plan.unsavable, !unsavable.isEmpty {
                lines.append("  " + text.unsavableTitle + ":")
                lines += unsavable.map { "    \($0.request) round \($0.round) in \($0.region)" }
            }
        }
        return lines.joined(separator: "\n")
    }
}
