import Foundation
import JointPlanCore

/// `summary.md`: the plan's key figures and the unscheduled sessions with their reasons, for a memo.
/// Deterministic: no timestamps, no solve time.
enum SummaryMarkdown {
    static func render(_ context: PublishContext) -> Data {
        let labels = context.labels
        let plan = context.plan
        let kpis = plan.kpis
        var out: [String] = []
        out.append("# " + escape(plan.scenario.name) + " — " + labels.summaryTitle)
        out.append("")
        let zh = context.options.lang == .zh
        let (comma, colon) = zh ? ("，", "：") : (", ", ": ")
        out.append("- \(labels.year)\(colon)\(plan.scenario.year)")
        out.append("- \(labels.digest)\(colon)`\(String(plan.scenario.digest.prefix(12)))`")
        out.append("- \(labels.solver)\(colon)\(escape(plan.solver.engine))")
        out.append("")
        out.append("## " + labels.kpiTitle)
        out.append("")
        out.append("| \(labels.indicator) | \(labels.value) |")
        out.append("|---|---:|")
        let rows: [(String, String)] = [
            (labels.sessionsTotal, "\(kpis.sessions)"),
            (labels.scheduled, "\(kpis.scheduled)"),
            (labels.mandatoryUnscheduled, "\(kpis.mandatoryUnscheduled)"),
            (labels.visits + " / " + labels.visitsIfUnmerged, "\(kpis.visits) / \(kpis.visitsIfUnmerged)"),
            (labels.outsidePreferred, "\(kpis.outsidePreferred)"),
            (labels.moved, "\(kpis.moved)"),
            (labels.status, escape(labels.status(plan.solver.status))),
            (labels.objective, NumberText.plain(plan.solver.objective)),
            (labels.bound, NumberText.plain(plan.solver.bound)),
            (labels.gap, NumberText.percent(plan.solver.gap, decimals: 4)),
        ]
        for (name, value) in rows { out.append("| \(name) | \(value) |") }

        let departments = context.ordered(departments: Set(kpis.peakUtilisation.keys)
            .union(kpis.overloadOfficerDays.keys))
        if !departments.isEmpty {
            out.append("")
            out.append("## " + labels.departmentsTitle)
            out.append("")
            out.append("| \(labels.department) | \(labels.peakUtilisation) | \(labels.overloadOfficerDays) |")
            out.append("|---|---:|---:|")
            for id in departments {
                let peak = kpis.peakUtilisation[id].map { NumberText.percent($0) } ?? "—"
                let overload = kpis.overloadOfficerDays[id].map { NumberText.plain($0) } ?? "—"
                out.append("| \(escape(context.departmentName(id))) | \(peak) | \(overload) |")
            }
        }

        out.append("")
        out.append("## " + labels.unscheduledTitle + (zh ? "（\(plan.unscheduled.count)）" : " (\(plan.unscheduled.count))"))
        out.append("")
        if plan.unscheduled.isEmpty {
            out.append(plan.kpis.sessions == 0 ? labels.nothingRequested : labels.noUnscheduled)
        }
        for (index, item) in unscheduledInOrder(context).enumerated() {
            out.append("\(index + 1). **\(escape(item.request))** " + escape(context.requestTitle(item.request))
                + " — " + escape(context.regionName(item.region)) + comma + labels.roundLong(item.round)
                + comma + (zh ? labels.priority : labels.priority.lowercased()) + colon + labels.priority(item.priority))
            for reason in item.reasons { out.append("   - " + escape(reason)) }
        }
        out += replanChanges(context)
        out += analysis(context)
        out.append("")
        return Data(out.joined(separator: "\n").utf8)
    }

    /// The shortfall analysis (when the plan has one) and the capacity values (when any).
    static func analysis(_ context: PublishContext) -> [String] {
        let plan = context.plan
        let text = AnalysisText(scenario: context.scenario, lang: context.options.lang)
        var out: [String] = []
        if let shortfall = plan.shortfall {
            out += ["", "## " + escape(text.shortfallTitle(total: shortfall.reduce(0) { $0 + $1.officerDays })), ""]
            if shortfall.isEmpty { out.append(escape(text.noShortfall)) }
            for record in shortfall { out.append("- " + escape(text.shortfallLine(record))) }
        }
        if let unsavable = plan.unsavable, !unsavable.isEmpty {
            out += ["", "## " + escape(text.unsavableTitle), ""]
            for (index, item) in unsavable.enumerated() {
                out.append("\(index + 1). " + escape(text.session(request: item.request, round: item.round, region: item.region)))
                for reason in item.reasons { out.append("   - " + escape(reason)) }
            }
        }
        if let values = plan.capacityValue, !values.isEmpty {
            out += ["", "## " + escape(text.capacityTitle), ""]
            for record in values { out.append("- " + escape(text.capacityLine(record))) }
        }
        return out
    }

    /// Unscheduled sessions by priority (mandatory first), then request, round and region.
    static func unscheduledInOrder(_ context: PublishContext) -> [UnscheduledSession] {
        context.plan.unscheduled.sorted { a, b in
            let rankA = Priority(rawValue: a.priority)?.rank ?? -1
            let rankB = Priority(rawValue: b.priority)?.rank ?? -1
            if rankA != rankB { return rankA > rankB }
            if a.request != b.request { return a.request < b.request }
            if a.round != b.round { return a.round < b.round }
            return a.region < b.region
        }
    }

    /// Escapes the characters Markdown would read as markup; line breaks become spaces.
    /// A re-plan's changes against the published plan, for the memo that tells the departments: what
    /// moved (with the new dates), what is no longer placed, what is new, and the pinned conflicts.
    static func replanChanges(_ context: PublishContext) -> [String] {
        guard let replan = context.plan.replan else { return [] }
        let labels = context.labels
        let zh = context.options.lang == .zh
        let (comma, colon) = zh ? ("，", "：") : (", ", ": ")
        func name(_ request: String, _ round: Int, _ region: String) -> String {
            "**\(escape(request))** " + escape(context.requestTitle(request)) + " — " + escape(context.regionName(region))
                + comma + labels.roundLong(round)
        }
        func section(_ title: String, _ lines: [String]) -> [String] {
            guard !lines.isEmpty else { return [] }
            return ["", "### " + title + (zh ? "（\(lines.count)）" : " (\(lines.count))"), ""]
                + lines.enumerated().map { "\($0.offset + 1). " + $0.element }
        }
        var out = ["", "## " + labels.replanTitle]
        if let date = replan.freezeUntil { out += ["", labels.frozenUntil(date, replan.pinned)] }
        let views = Dictionary(context.sessions.map { ("\($0.session.request)|\($0.session.round)|\($0.session.region)", $0) },
                               uniquingKeysWith: { first, _ in first })
        out += section(labels.movedTitle, replan.moved.map { moved in
            let dates = views["\(moved.request)|\(moved.round)|\(moved.region)"].map { comma + context.datesText($0) } ?? ""
            return name(moved.request, moved.round, moved.region) + colon + labels.week(moved.fromWeek) + " → "
                + labels.week(moved.toWeek) + dates
        })
        out += section(labels.leftOutTitle, replan.dropped.map { dropped in
            name(dropped.request, dropped.round, dropped.region) + colon + labels.wasWeek(dropped.week)
        })
        out += section(labels.addedTitle, (replan.added ?? []).map { key in
            let view = views["\(key.request)|\(key.round)|\(key.region)"]
            return name(key.request, key.round, key.region) + (view.map { colon + context.datesText($0) } ?? "")
        })
        out += section(labels.conflictsTitle, replan.conflicts.map { escape($0.message) })
        return out
    }

    static func escape(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "\\", "`", "*", "_", "[", "]", "<", ">", "|", "#", "~":  // `~~` strikes through in GFM
                result += "\\" + String(character)
            case "\n", "\r", "\r\n":
                result += " "
            default:
                result.append(character)
            }
        }
        return result
    }
}
