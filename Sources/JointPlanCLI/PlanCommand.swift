import ArgumentParser
import Foundation
import JointPlanCore
import JointPlanFormats
import JointPlanPublish
import JointPlanSolver

/// `jointplan plan SCENARIO [--out DIR] …`: the annual plan, written atomically.
struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Build the annual plan; with --out, write plan.json and the published outputs to DIR.",
        discussion: """
        DIR gets plan.json, plan.csv, report.html, summary.md and calendar/<department>.ics for every \
        department (calendars an earlier plan wrote there and this one no longer has are removed). \
        Exit codes: 0 done; 2 invalid input (nothing written); 3 the plan was written but mandatory \
        sessions are unscheduled.
        """)

    @Argument(help: "A scenario folder, a scenario YAML file, or an intake workspace.")
    var scenario: String

    @Option(name: .long, help: "Write plan.json, plan.csv, calendar/*.ics, report.html and summary.md here.")
    var out: String?

    @OptionGroup var solve: SolveOptions

    @Option(name: .long, help: "An overlay (what-if change) applied to the scenario; repeat for several, applied in order.")
    var overlay: [String] = []

    @Option(name: .long, help: "A published plan to re-plan from (mid-year re-planning).")
    var reference: String?

    @Option(name: .customLong("freeze-until"), help: "With --reference: sessions starting before this date (YYYY-MM-DD) are pinned; no other session starts before it.")
    var freezeUntil: String?

    @Option(name: .long, help: "Language of published text.")
    var lang: PublishLanguage = .zh

    @Flag(name: .long, help: "No progress and no summary.")
    var quiet = false

    func validate() throws {
        try requireOutputPath(out, option: "--out")
        if freezeUntil != nil && reference == nil {
            throw ValidationError("--freeze-until needs --reference")
        }
        if let freezeUntil, CivilDate(iso: freezeUntil) == nil {
            throw ValidationError("--freeze-until: '\(freezeUntil)' is not a date (YYYY-MM-DD)")
        }
    }

    func run() throws {
        let (loaded, inputs) = try ScenarioInput.loadWithInputs(scenario, overlays: overlay)
        let replan = try ReferencePlanInput.load(reference: reference, freezeUntil: freezeUntil,
                                                 scenario: loaded.scenario)
        var options = solve.planOptions(pinned: replan.pinned, referenceWeeks: replan.referenceWeeks)
        options.freezeUntil = replan.freezeUntil.flatMap(CivilDate.init(iso:))
        options.language = lang == .zh ? .zh : .en
        let progress = ProgressLine(enabled: !quiet && FileHandleOutput.standardErrorIsTerminal)
        let outcome = try runPlanner(loaded.scenario, options: options, progress: progress)
        progress.finish()
        var document = outcome.document
        document.inputs = inputs
        let conflicts = try pinnedConflicts(loaded.scenario, options: options)
        document.replan = replan.record(for: document, conflicts: conflicts)
        for conflict in document.replan?.conflicts ?? [] {
            FileHandleOutput.standardError("warning: pinned session conflict: \(PlanSummaryText.describe(conflict))")
        }

        let json = PlanJSON.encode(document)
        if let out {
            var files: [(path: String, data: Data)] = [(out + "/plan.json", json)]
            let published = Publisher.files(plan: document, scenario: loaded.scenario,
                                             options: PublishOptions(lang: lang.publishLanguage))
            files += published.map { (out + "/" + $0.relativePath, $0.data) }
            try PublishedFolder.write(files, folder: out)
            if !quiet {
                FileHandleOutput.standardOutput(PlanSummaryText.render(document, writtenTo: out, scenario: loaded.scenario))
            }
        } else {
            try OutputFile.write(json, to: "/dev/stdout")
            if !quiet {
                FileHandleOutput.standardError(PlanSummaryText.render(document, writtenTo: nil, scenario: loaded.scenario))
            }
        }
        if document.kpis.mandatoryUnscheduled > 0 { throw ExitCode(ExitStatus.attention) }
    }
}

/// Options shared by every command that solves.
struct SolveOptions: ParsableArguments {
    @Option(name: .customLong("time-limit"), help: "Seconds the search may take; an over-committed year's shortfall analysis may add up to 5 s.")
    var timeLimit: Double = 60

    @Option(name: .long, help: "Relative gap under which the plan counts as optimal.")
    var gap: Double = 0.0001

    func validate() throws {
        guard timeLimit.isFinite, timeLimit > 0, timeLimit <= 86_400 else {
            throw ValidationError("--time-limit must be a number of seconds between 0 and 86400, got \(timeLimit)")
        }
        guard gap.isFinite, gap >= 0, gap <= 1 else {
            throw ValidationError("--gap must be a fraction between 0 and 1, got \(gap)")
        }
    }

    @Option(name: .long, help: "exact: the whole model in one branch-and-cut; decompose: fix-and-optimize over regions, weeks and requests, then (up to 30,000 rows) two nodes of whole-model branch-and-cut for the bound; auto: exact up to 4,000 binaries. Either way the second core computes the bound: the LP relaxation, and groups of regions solved alone.")
    var strategy: Strategy = .auto

    enum Strategy: String, ExpressibleByArgument, CaseIterable { case auto, exact, decompose }

    @Flag(name: .customLong("solver-log"), help: ArgumentHelp("Echo GLPK's own log to stderr.", visibility: .hidden))
    var solverLog = false

    func planOptions(pinned: [PinnedSession] = [], referenceWeeks: [SessionKey: Int] = [:]) -> PlanOptions {
        var options = PlanOptions(timeLimit: timeLimit, gap: gap, pinned: pinned, referenceWeeks: referenceWeeks)
        options.echoSolverLog = solverLog
        switch strategy {
        case .auto: break
        case .exact: options.exactBinaryLimit = Int.max
        case .decompose: options.exactBinaryLimit = 0
        }
        return options
    }
}

enum PublishLanguage: String, ExpressibleByArgument, CaseIterable {
    case zh, en

    var publishLanguage: Language { self == .zh ? .zh : .en }
}

/// The pinned sessions the scenario no longer allows where they are (H7), for the `replan` record.
func pinnedConflicts(_ scenario: Scenario, options: PlanOptions) throws -> [PinnedConflict] {
    do {
        return try Planner.pinnedConflicts(scenario: scenario, options: options)
    } catch let error as PlannerError {
        FileHandleOutput.standardError("jointplan: \(error)")
        throw ExitCode(ExitStatus.internalError)
    }
}

/// Runs the planner, turning its failures into the exit codes of §7.
func runPlanner(_ scenario: Scenario, options: PlanOptions, progress: ProgressLine) throws -> PlanOutcome {
    do {
        return try Planner.plan(scenario: scenario, digest: ScenarioDigest.sha256Hex(scenario), options: options,
                                progress: progress.report)
    } catch let error as PlannerError {
        FileHandleOutput.standardError("jointplan: \(error)")
        throw ExitCode(ExitStatus.internalError)
    }
}
