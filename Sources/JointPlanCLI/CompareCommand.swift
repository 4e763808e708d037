import ArgumentParser
import Foundation
import JointPlanCore
import JointPlanFormats
import JointPlanPublish

/// `jointplan compare PLAN_A.json PLAN_B.json`: the comparison of `whatif` from two existing plans.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "KPI differences and sessions added, dropped, moved, kept on other days and newly unscheduled between two plans.")

    @Argument(help: "The base plan (plan.json).")
    var planA: String

    @Argument(help: "The changed plan (plan.json).")
    var planB: String

    @Option(name: .long, help: "Also write comparison.md and comparison.json here.")
    var out: String?

    @Flag(name: .long, help: "Print the comparison as JSON instead of Markdown.")
    var json = false

    @Option(name: .long, help: "Language of the Markdown memo (comparison.json is the same in both).")
    var lang: PublishLanguage = .zh

    func validate() throws {
        try requireOutputPath(out, option: "--out")
    }

    func run() throws {
        let base = try PlanFileInput.loadStandalone(planA)
        let changed = try PlanFileInput.loadStandalone(planB)
        // Allowed (one may compare two years' KPIs), but weeks and sessions then match by number only.
        if base.scenario.year != changed.scenario.year {
            FileHandleOutput.standardError("warning: \(planA) is a plan for \(base.scenario.year), \(planB) for \(changed.scenario.year): sessions are matched by request, round and region, and weeks by number")
        }
        let comparison = PlanComparison(base: base, changed: changed)
        let markdown = ComparisonReport.markdown(comparison, language: lang.publishLanguage,
                                                 baseLabel: "A", changedLabel: "B")
        let data = ComparisonReport.json(comparison)
        if let out {
            try OutputFile.writeAll([(out + "/comparison.md", Data(markdown.utf8)), (out + "/comparison.json", data)])
        }
        if json {
            FileHandle.standardOutput.write(data)
        } else {
            FileHandleOutput.standardOutput(markdown)
        }
    }
}
