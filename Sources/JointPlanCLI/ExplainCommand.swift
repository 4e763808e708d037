import ArgumentParser
import JointPlanCore
import JointPlanFormats
import JointPlanPublish
import JointPlanSolver

/// `jointplan explain SCENARIO PLAN.json [--request ID] [--capacity]`: why sessions are unscheduled or
/// outside their preferred dates, week by week, recomputed from the scenario and the plan (no solver
/// search); what an over-committed year is short of; where one more officer would help most.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain why sessions are unscheduled or outside their preferred dates, week by week.",
        discussion: """
        Without --request: every unscheduled session and every session outside its preferred dates, then \
        the plan's shortfall analysis when mandatory sessions are unscheduled. --capacity: where one more \
        officer would improve the plan most, from the LP relaxation's duals. Exit codes: 0 done; 2 invalid \
        input (a plan that does not belong to the scenario, an unknown request).
        """)

    @Argument(help: "A scenario folder, a scenario YAML file, or an intake workspace.")
    var scenario: String

    @Argument(help: "The plan.json to explain.")
    var plan: String

    @Option(name: .long, help: "Only the sessions of this request.")
    var request: String?

    @Flag(name: .long, help: "Show the marginal value of capacity instead of the reasons.")
    var capacity = false

    @Option(name: .long, help: "With --capacity: how many departments and weeks to list.")
    var top = 10

    @Option(name: .long, help: "Language of the explanations.")
    var lang: PublishLanguage = .zh

    func validate() throws {
        guard top >= 1 && top <= 10_000 else { throw ValidationError("--top must be between 1 and 10000, got \(top)") }
    }

    func run() throws {
        let loaded = try ScenarioInput.load(scenario)
        let document = try PlanFileInput.load(plan)
        let digest = ScenarioDigest.sha256Hex(loaded.scenario)
        try PlanFileInput.requireDigest(document, file: plan, digest: digest, scenario: scenario)
        try PlanFileInput.refuse(PlanFileInput.planningProblem(document, scenario: loaded.scenario, file: plan))
        if let request, loaded.scenario.request(request) == nil {
            FileHandleOutput.standardError("--request: '\(request)' is not a request of \(scenario)")
            throw ExitCode(ExitStatus.invalidInput)
        }
        let lines = try planInput {
            capacity ? try capacityLines(loaded.scenario, document) : try reasonLines(loaded.scenario, document)
        }
        FileHandleOutput.standardOutput(lines.joined(separator: "\n"))
    }

    private func reasonLines(_ scenario: Scenario, _ document: PlanDocument) throws -> [String] {
        let explanations = try Explanations.explain(scenario: scenario, plan: document, request: request)
        let text = ReasonText(scenario: scenario, language: lang == .zh ? .zh : .en)
        var lines: [String] = []
        for explanation in explanations {
            if !lines.isEmpty { lines.append("") }
            lines.append(text.heading(explanation))
            lines += text.lines(explanation).map { "  " + $0 }
        }
        if explanations.isEmpty {
            let subject = request.map { "\($0): " } ?? ""
            lines.append(subject + (lang == .zh ? "所有行动均已安排在优先时段内。" : "every session is placed, inside its preferred dates."))
        }
        guard request == nil else { return lines }
        let analysis = AnalysisText(scenario: scenario, lang: lang.publishLanguage)
        if let shortfall = document.shortfall {
            lines += ["", analysis.shortfallTitle(total: shortfall.reduce(0) { $0 + $1.officerDays })]
            if shortfall.isEmpty { lines.append("  " + analysis.noShortfall) }
            lines += shortfall.map { "  " + analysis.shortfallLine($0) }
        }
        if let unsavable = document.unsavable, !unsavable.isEmpty {
            lines += ["", analysis.unsavableTitle]
            for item in unsavable {
                lines.append("  " + analysis.session(request: item.request, round: item.round, region: item.region))
                lines += item.reasons.map { "    " + $0 }
            }
        }
        return lines
    }

    private func capacityLines(_ scenario: Scenario, _ document: PlanDocument) throws -> [String] {
        let values = try Explanations.capacityValue(scenario: scenario, plan: document, limit: top)
        let analysis = AnalysisText(scenario: scenario, lang: lang.publishLanguage)
        if values.isEmpty {
            return [analysis.capacityTitle, lang == .zh ? "  执法力量在任何一周都不是约束。" : "  capacity binds in no week."]
        }
        return [analysis.capacityTitle] + values.map { "  " + analysis.capacityLine($0) }
    }

    /// A plan that does not fit the scenario is invalid input (exit 2), named by file and field.
    private func planInput<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as PlanInputError {
            FileHandleOutput.standardError("\(plan): \(error)")
            throw ExitCode(ExitStatus.invalidInput)
        } catch let error as PlannerError {
            FileHandleOutput.standardError("jointplan: \(error)")
            throw ExitCode(ExitStatus.internalError)
        }
    }
}
