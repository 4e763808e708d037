import ArgumentParser
import JointPlanCore
import JointPlanFormats
import PlanChecker

/// `jointplan check SCENARIO PLAN.json`: every hard rule re-derived from the scenario (PlanChecker
/// shares no code with the model builder), each violation listed with its rule code.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Verify a plan against every hard rule of the scenario; list each violation.",
        discussion: "Exit codes: 0 the plan keeps every rule; 2 invalid input; 3 violations found.")

    @Argument(help: "A scenario folder, a scenario YAML file, or an intake workspace.")
    var scenario: String

    @Argument(help: "The plan.json to verify.")
    var plan: String

    @Option(name: .long, help: "An overlay the plan's scenario was changed by (whatif); repeat for several, in order.")
    var overlay: [String] = []

    @Option(name: .long, help: "The reference plan the plan was re-planned from (checks pinned sessions, H7).")
    var reference: String?

    @Option(name: .customLong("freeze-until"), help: "With --reference: the freeze date used for re-planning (default: the one the plan records); unpinned sessions before it are warned about.")
    var freezeUntil: String?

    func validate() throws {
        // As for `plan`: a freeze date that is not a date, or without the plan it applies to, would be
        // ignored silently and the pinned sessions (H7) not checked at all.
        if freezeUntil != nil && reference == nil {
            throw ValidationError("--freeze-until needs --reference")
        }
        if let freezeUntil, CivilDate(iso: freezeUntil) == nil {
            throw ValidationError("--freeze-until: '\(freezeUntil)' is not a date (YYYY-MM-DD)")
        }
    }

    func run() throws {
        let loaded = try ScenarioInput.load(scenario, overlays: overlay)
        let document = try PlanFileInput.load(plan)
        let referencePlan = try reference.map(PlanFileInput.load)
        var problems: [String] = []
        let digest = ScenarioDigest.sha256Hex(loaded.scenario)
        if document.scenario.digest != digest {
            problems.append("DIGEST: the plan was made for scenario digest \(document.scenario.digest), this scenario's digest is \(digest)")
        }
        let report = PlanChecker.check(scenario: loaded.scenario, plan: document, reference: referencePlan,
                                       freezeUntil: freezeUntil.flatMap(CivilDate.init(iso:)))
        problems += report.violations.map(\.description)
        for warning in report.warnings { FileHandleOutput.standardError("warning: \(warning)") }
        if problems.isEmpty {
            // Without the reference plan nobody can tell which sessions moved: say whose count was used.
            let moves = referencePlan == nil && document.kpis.moved > 0
                ? " (its move term from the plan's kpis.moved = \(document.kpis.moved); --reference re-derives it)" : ""
            FileHandleOutput.standardOutput("\(plan): ok: \(document.sessions.count) sessions keep every hard rule (H1–H7); objective \(PlanJSON.round6(report.recomputedObjective)) recomputed\(moves)")
            return
        }
        for problem in problems { FileHandleOutput.standardOutput(problem) }
        FileHandleOutput.standardOutput("\(plan): \(problems.count) violation\(problems.count == 1 ? "" : "s")")
        throw ExitCode(ExitStatus.attention)
    }
}
