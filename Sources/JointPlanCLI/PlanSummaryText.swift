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
        if let replan = plan.replan {
            let until = replan.freezeUntil.map { " (first day before \($0))" } ?? ""
            lines.append("  re-planned: \(replan.pinned) sessions pinned\(until), \(replan.moved.count) moved, \(replan.dropped.count) left out, \(replan.conflicts.count) pinned conflicts")
            for moved in replan.moved {
                lines.append("    moved \(moved.request) round \(moved.round) in \(moved.region): week \(moved.fromWeek) → \(moved.toWeek)")
            }
            for dropped in replan.dropped {
                lines.append("    left out \(dropped.request) round \(dropped.round) in \(dropped.region): was in week \(dropped.week)")
            }
            for conflict in replan.conflicts { lines.append("    conflict \(describe(conflict))") }
        } else if kpis.moved > 0 {
            lines.append("  moved from the reference: \(kpis.moved)")
        }
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

    /// `H3: row cap_scjg_minqin_w20: …` or `H2: R01 round 1 in minqin: …`.
    static func describe(_ conflict: ReplanRecord.Conflict) -> String {
        var text = conflict.rule + ": "
        if let request = conflict.request, let round = conflict.round, let region = conflict.region {
            text += "\(request) round \(round) in \(region): "
        }
        return text + conflict.message
    }
}
