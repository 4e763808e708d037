import Foundation
import JointPlanCore

/// comparison.md and comparison.json of `whatif` and `compare`: the same facts, for people and programs.
/// The Markdown memo is published text, Chinese by default like summary.md (§6); the JSON keeps the ids
/// and KPI keys whatever the language.
public enum ComparisonReport {
    /// Pretty, key-sorted JSON with a trailing newline (byte-stable for the same two plans).
    public static func json(_ comparison: PlanComparison) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = (try? encoder.encode(comparison)) ?? Data("{}".utf8)
        data.append(0x0A)
        return data
    }

    /// The names a memo can show instead of ids, where the scenarios are known (`whatif`); `compare` has
    /// only the two plans and shows ids.
    public struct Names: Sendable {
        var requests: [String: String] = [:]
        var regions: [String: String] = [:]
        var departments: [String: String] = [:]

        public init() {}

        /// Names from the scenarios, the first one that names an id winning (the changed scenario first,
        /// then the base one for requests the change removed).
        public init(scenarios: [Scenario]) {
            for scenario in scenarios {
                for request in scenario.requests where requests[request.id] == nil { requests[request.id] = request.title }
                for region in scenario.regions where regions[region.id] == nil { regions[region.id] = region.name }
                for department in scenario.departments where departments[department.id] == nil {
                    departments[department.id] = department.name
                }
            }
        }
    }

    /// A Markdown memo: KPIs side by side, then every list of changes. `baseLabel` and `changedLabel`
    /// replace the words for the two plans (`compare` calls them A and B).
    public static func markdown(_ comparison: PlanComparison, language: Language = .zh, names: Names = Names(),
                                baseLabel: String? = nil, changedLabel: String? = nil) -> String {
        let words = ComparisonLabels.for(language)
        let plan = Labels.for(language)
        let baseLabel = baseLabel ?? words.base
        let changedLabel = changedLabel ?? words.changed
        let name = { (change: PlanComparison.SessionChange) in words.session(change, names, plan) }
        var lines: [String] = []
        lines.append("# \(words.title)")
        lines.append("")
        for (label, side) in [(baseLabel, comparison.base), (changedLabel, comparison.changed)] {
            lines.append("- \(label)\(words.colon)\(side.name)\(words.open)\(words.digest) \(side.digest.prefix(12))\(words.close)")
        }
        lines.append("")
        lines.append("## \(words.kpiTitle)")
        lines.append("")
        lines.append("| \(words.kpi) | \(baseLabel) | \(changedLabel) | \(words.difference) |")
        lines.append("|---|---:|---:|---:|")
        for kpi in comparison.kpis {
            lines.append("| \(words.kpiNames[kpi.name] ?? kpi.name) | \(number(kpi.base)) | \(number(kpi.changed)) | \(signed(kpi.difference)) |")
        }
        section(&lines, words.added, comparison.added, none: words.none) { "\(name($0))\(words.colon)\(plan.week($0.toWeek ?? 0))" }
        section(&lines, words.dropped, comparison.dropped, none: words.none) { "\(name($0))\(words.colon)\(words.was(plan.week($0.fromWeek ?? 0)))" }
        section(&lines, words.moved, comparison.moved, none: words.none) {
            "\(name($0))\(words.colon)\(plan.week($0.fromWeek ?? 0)) → \(plan.week($0.toWeek ?? 0))"
        }
        section(&lines, words.redated, comparison.redated, none: words.none) { change in
            let from = (change.fromDays ?? []).joined(separator: words.dayList)
            let to = (change.toDays ?? []).joined(separator: words.dayList)
            return "\(name(change))\(words.colon)\(plan.week(change.toWeek ?? 0))\(words.comma)\(from) → \(to)"
        }
        section(&lines, words.newlyUnscheduled, comparison.newlyUnscheduled, none: words.none) { change in
            let was = change.fromWeek.map { words.was(plan.week($0)) } ?? words.new
            let reasons = (change.reasons ?? []).prefix(3).joined(separator: words.reasonList)
            let priority = plan.priority(change.priority ?? "?")
            return "\(name(change))\(words.open)\(words.priority(priority))\(words.comma)\(was)\(words.close)"
                + (reasons.isEmpty ? "" : "\(words.colon)\(reasons)")
        }
        lines.append("")
        lines.append("## \(words.peakTitle)")
        lines.append("")
        if comparison.peakUtilisation.isEmpty {
            lines.append(words.noPeakChange)
        } else {
            lines.append("| \(words.department) | \(baseLabel) | \(changedLabel) | \(words.difference) |")
            lines.append("|---|---:|---:|---:|")
            for row in comparison.peakUtilisation {
                let department = names.departments[row.department] ?? row.department
                lines.append("| \(department) | \(percent(row.base)) | \(percent(row.changed)) | \(signedPoints(row.difference, unit: words.points)) |")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func section(_ lines: inout [String], _ title: String, _ items: [PlanComparison.SessionChange],
                                none: String, _ describe: (PlanComparison.SessionChange) -> String) {
        lines.append("")
        lines.append("## \(title) (\(items.count))")
        lines.append("")
        if items.isEmpty { lines.append(none) }
        for item in items { lines.append("- " + describe(item)) }
    }

    /// Integers without decimals, others with two.
    static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        return String(format: "%.2f", value)
    }

    static func signed(_ value: Double) -> String { value > 0 ? "+" + number(value) : number(value) }
    static func percent(_ value: Double) -> String { String(format: "%.1f%%", value * 100) }
    static func signedPoints(_ value: Double, unit: String) -> String {
        (value > 0 ? "+" : "") + String(format: "%.1f", value * 100) + unit
    }
}

/// The fixed words of comparison.md, in Chinese (the default) and English.
struct ComparisonLabels: Sendable {
    var title: String
    var base: String
    var changed: String
    var digest: String
    var kpiTitle: String
    var kpi: String
    var difference: String
    /// Memo names of the comparison's KPI keys.
    var kpiNames: [String: String]
    var added: String
    var dropped: String
    var moved: String
    var redated: String
    var newlyUnscheduled: String
    var none: String
    var new: String
    var was: @Sendable (_ week: String) -> String
    var priority: @Sendable (_ name: String) -> String
    var peakTitle: String
    var noPeakChange: String
    var department: String
    var points: String
    // Punctuation: full-width in Chinese text.
    var colon: String
    var comma: String
    var open: String
    var close: String
    var dayList: String
    var reasonList: String
    /// A session: its request (with the title when known), round and region.
    var session: @Sendable (PlanComparison.SessionChange, ComparisonReport.Names, Labels) -> String

    static func `for`(_ language: Language) -> ComparisonLabels { language == .zh ? .zh : .en }

    static let zh = ComparisonLabels(
        title: "方案对比", base: "基准方案", changed: "调整后方案", digest: "方案摘要",
        kpiTitle: "主要指标", kpi: "指标", difference: "差值",
        kpiNames: [
            "objective": "目标值", "sessions": "行动总数", "scheduled": "已安排", "mandatory_unscheduled": "必须事项未安排",
            "visits": "入企检查（合并后）", "visits_if_unmerged": "入企检查（若不合并）", "outside_preferred": "未在优先时段",
            "overload_officer_days": "超出均衡阈值（人·日）", "moved": "调整周次（各自相对其参考计划）",
        ],
        added: "新增安排", dropped: "不再安排", moved: "调整时间", redated: "同周改期",
        newlyUnscheduled: "新增未安排", none: "无。", new: "新增事项",
        was: { "原\($0)" }, priority: { "优先级\($0)" },
        peakTitle: "峰值利用率变化最大的部门", noPeakChange: "各部门峰值利用率均无变化。", department: "部门",
        points: "个百分点",
        colon: "：", comma: "，", open: "（", close: "）", dayList: "、", reasonList: "；",
        session: { change, names, labels in
            let request = names.requests[change.request].map { "\(change.request) \($0)" } ?? change.request
            let region = names.regions[change.region] ?? change.region
            return "\(request)（\(region)，\(labels.roundLong(change.round))）"
        })

    static let en = ComparisonLabels(
        title: "Plan comparison", base: "base", changed: "changed", digest: "digest",
        kpiTitle: "KPIs", kpi: "KPI", difference: "difference",
        kpiNames: ["moved": "moved (each against its own reference)"],
        added: "Sessions added", dropped: "Sessions dropped", moved: "Sessions moved", redated: "Same week, other days",
        newlyUnscheduled: "Newly unscheduled", none: "None.", new: "new",
        was: { "was \($0)" }, priority: { $0 },
        peakTitle: "Peak utilisation: largest changes", noPeakChange: "No department's peak utilisation changed.",
        department: "department", points: " pp",
        colon: ": ", comma: ", ", open: " (", close: ")", dayList: ", ", reasonList: "; ",
        session: { change, names, labels in
            let request = names.requests[change.request].map { "\(change.request) (\($0))" } ?? change.request
            return "\(request) \(labels.roundLong(change.round)) in \(names.regions[change.region] ?? change.region)"
        })
}
