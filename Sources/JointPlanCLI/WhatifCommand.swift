import ArgumentParser
import Foundation
import JointPlanCore
import JointPlanFormats
import JointPlanPublish
import JointPlanSolver

/// `jointplan whatif SCENARIO --overlay FILE... [--out DIR]`: plans the base and the changed scenario and
/// compares them (§7, §8). The changed plan is written like `plan` writes one, beside comparison.md/json.
struct WhatifCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "whatif",
        abstract: "Plan the scenario changed by overlays and compare it with the base plan.",
        discussion: """
        Overlays (format jointplan-overlay/v1) apply in the order given. With --out, DIR receives the changed \
        plan (plan.json and the published outputs) and comparison.md / comparison.json. Check the changed \
        plan with `jointplan check SCENARIO --overlay FILE DIR/plan.json` (check takes one file per --overlay: \
        `--overlay A --overlay B` for two). Exit codes: 0 done; 2 invalid \
        input (nothing written); 3 written, but mandatory sessions are unscheduled in the changed plan.
        """)

    @Argument(help: "A scenario folder, a scenario YAML file, or an intake workspace.")
    var scenario: String

    @Option(name: .long, parsing: .upToNextOption, help: "Overlay files, applied in order.")
    var overlay: [String] = []

    @Option(name: .long, help: "Write the changed plan, its published outputs and the comparison here.")
    var out: String?

    @Option(name: .customLong("base-plan"), help: "The base scenario's plan, to avoid solving it again.")
    var basePlan: String?

    @Flag(name: .long, help: "Keep the changed plan close to the base plan: every session placed in another week than in the base plan costs the `move` weight (counted in the changed objective).")
    var stable = false

    @OptionGroup var solve: SolveOptions

    @Option(name: .long, help: "Language of published text (the outputs and comparison.md).")
    var lang: PublishLanguage = .zh

    @Flag(name: .long, help: "No progress.")
    var quiet = false

    func validate() throws {
        try requireOutputPath(out, option: "--out")
        if overlay.isEmpty { throw ValidationError("whatif needs at least one --overlay FILE") }
    }

    func run() throws {
        let base = try ScenarioInput.load(scenario, printWarnings: false)
        let changed = try ScenarioInput.load(scenario, overlays: overlay)
        let baseDocument: PlanDocument
        if let basePlan {
            baseDocument = try PlanFileInput.loadForPlanning(basePlan, scenario: base.scenario)
            let digest = ScenarioDigest.sha256Hex(base.scenario)
            guard baseDocument.scenario.digest == digest else {
                FileHandleOutput.standardError("\(basePlan): the plan was made for scenario digest \(baseDocument.scenario.digest), not for \(scenario) (\(digest))")
                throw ExitCode(ExitStatus.invalidInput)
            }
        } else {
            baseDocument = try solveQuietly(base.scenario, phase: "base", referenceWeeks: [:])
        }
        var referenceWeeks: [SessionKey: Int] = [:]
        if stable {
            for session in baseDocument.sessions {
                referenceWeeks[SessionKey(request: session.request, round: session.round, region: session.region)] = session.week
            }
        }
        let document = try solveQuietly(changed.scenario, phase: "changed", referenceWeeks: referenceWeeks)
        let comparison = PlanComparison(base: baseDocument, changed: document)
        let markdown = ComparisonReport.markdown(comparison, language: lang.publishLanguage,
                                                 names: .init(scenarios: [changed.scenario, base.scenario]))
        if let out {
            var files: [(path: String, data: Data)] = [(out + "/plan.json", PlanJSON.encode(document))]
            files += Publisher.files(plan: document, scenario: changed.scenario,
                                     options: PublishOptions(lang: lang.publishLanguage))
                .map { (out + "/" + $0.relativePath, $0.data) }
            files.append((out + "/comparison.md", Data(markdown.utf8)))
            files.append((out + "/comparison.json", ComparisonReport.json(comparison)))
            try PublishedFolder.write(files, folder: out)
        }
        FileHandleOutput.standardOutput(markdown + (out.map { "\nwritten to \($0)/" } ?? ""))
        if document.kpis.mandatoryUnscheduled > 0 { throw ExitCode(ExitStatus.attention) }
    }

    private func solveQuietly(_ scenario: Scenario, phase: String, referenceWeeks: [SessionKey: Int]) throws -> PlanDocument {
        let progress = ProgressLine(enabled: !quiet && FileHandleOutput.standardErrorIsTerminal)
        defer { progress.finish() }
        return try runPlanner(scenario, options: solve.planOptions(referenceWeeks: referenceWeeks), progress: progress).document
    }
}
