import Foundation
import JointPlanCore

/// comparison.md and comparison.json of `whatif` and `compare`: the same facts, for people and programs.
public enum ComparisonReport {
    /// Pretty, key-sorted JSON with a trailing newline (byte-stable for the same two plans).
    public static func json(_ comparison: PlanComparison) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = (try? encoder.encode(comparison)) ?? Data("{}".utf8)
        data.append(0x0A)
        return data
    }

    /// A Markdown memo: KPIs side by side, then every list of changes.
    public static func markdown(_ comparison: PlanComparison, baseLabel: String = "base",
                                changedLabel: String = "changed") -> String {
        var lines: [String] = []
        lines.append("# Plan comparison")
        lines.append("")
        lines.append("- \(baseLabel): \(comparison.base.name) (digest \(comparison.base.digest.prefix(12)))")
        lines.append("- \(changedLabel): \(comparison.changed.name) (digest \(comparison.changed.digest.prefix(12)))")
        lines.append("")
        lines.append("## KPIs")
        lines.append("")
        lines.append("| KPI | \(baseLabel) | \(changedLabel) | difference |")
        lines.append("|---|---:|---:|---:|")
        for kpi in comparison.kpis {
            // `moved` is each plan's own count against its reference, not the moves between the two plans.
            let label = kpi.name == "moved" ? "moved (each against its own reference)" : kpi.name
            lines.append("| \(label) | \(number(kpi.base)) | \(number(kpi.changed)) | \(signed(kpi.difference)) |")
        }
        section(&lines, "Sessions added", comparison.added) { "\(name($0)): week \($0.toWeek ?? 0)" }
        section(&lines, "Sessions dropped", comparison.dropped) { "\(name($0)): was week \($0.fromWeek ?? 0)" }
        section(&lines, "Sessions moved", comparison.moved) { "\(name($0)): week \($0.fromWeek ?? 0) → \($0.toWeek ?? 0)" }
        section(&lines, "Same week, other days", comparison.redated) { change in
            "\(name(change)): week \(change.toWeek ?? 0), \((change.fromDays ?? []).joined(separator: ", ")) → \((change.toDays ?? []).joined(separator: ", "))"
        }
        section(&lines, "Newly unscheduled", comparison.newlyUnscheduled) { change in
            let was = change.fromWeek.map { ", was week \($0)" } ?? ", new"
            let reasons = (change.reasons ?? []).prefix(3).joined(separator: "; ")
            return "\(name(change)) (\(change.priority ?? "?")\(was))" + (reasons.isEmpty ? "" : ": \(reasons)")
        }
        lines.append("")
        lines.append("## Peak utilisation: largest changes")
        lines.append("")
        if comparison.peakUtilisation.isEmpty {
            lines.append("No department's peak utilisation changed.")
        } else {
            lines.append("| department | \(baseLabel) | \(changedLabel) | difference |")
            lines.append("|---|---:|---:|---:|")
            for row in comparison.peakUtilisation {
                lines.append("| \(row.department) | \(percent(row.base)) | \(percent(row.changed)) | \(signedPercent(row.difference)) |")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func section(_ lines: inout [String], _ title: String, _ items: [PlanComparison.SessionChange],
                                _ describe: (PlanComparison.SessionChange) -> String) {
        lines.append("")
        lines.append("## \(title) (\(items.count))")
        lines.append("")
        if items.isEmpty { lines.append("None.") }
        for item in items { lines.append("- " + describe(item)) }
    }

    static func name(_ change: PlanComparison.SessionChange) -> String {
        "\(change.request) round \(change.round) in \(change.region)"
    }

    /// Integers without decimals, others with two.
    static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        return String(format: "%.2f", value)
    }

    static func signed(_ value: Double) -> String { value > 0 ? "+" + number(value) : number(value) }
    static func percent(_ value: Double) -> String { String(format: "%.1f%%", value * 100) }
    static func signedPercent(_ value: Double) -> String { (value > 0 ? "+" : "") + String(format: "%.1f pp", value * 100) }
}
