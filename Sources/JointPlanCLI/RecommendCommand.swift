import ArgumentParser
import Foundation
import JointPlanCore
import JointPlanFormats
import JointPlanSolver
import PlanChecker

/// `jointplan recommend SCENARIO PLAN.json --request FILE_OR_ID`: the best weeks for one new request,
/// with the current plan fixed or minimally changed, ranked by cost, each verified by the checker.
struct RecommendCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recommend",
        abstract: "The best weeks to place one new request into an existing plan, ranked by cost.",
        discussion: """
        --request is the id of a request of the scenario, or a YAML file holding one request (the keys of a \
        scenario request, a new id). Each option is the plan with the request placed, checked against every \
        hard rule before it is listed; its line names the sessions it moves, leaves out or also places. On a \
        re-planned plan its pinned sessions stay and nothing new starts before its freeze date. With --out, \
        DIR/option-N/plan.json holds option N, and for a request \
        file DIR/request-overlay.yaml adds it to the scenario: `jointplan check SCENARIO --overlay \
        DIR/request-overlay.yaml DIR/option-1/plan.json`. Exit codes: 0 options listed; 2 invalid input \
        (nothing written), also a plan made for another scenario; 3 no week can take the request without \
        breaking a hard rule.
        """)

    @Argument(help: "A scenario folder, a scenario YAML file, or an intake workspace.")
    var scenario: String

    @Argument(help: "The current plan (plan.json).")
    var plan: String

    @Option(name: .long, help: "A request id of the scenario, or a YAML file holding the new request.")
    var request: String

    @Option(name: .long, help: "How many options to list.")
    var options = 5

    @Option(name: .long, help: "Write each option's plan (option-N/plan.json) and recommendation.md here.")
    var out: String?

    @Option(name: .customLong("time-limit"), help: "Seconds GLPK may search per option.")
    var timeLimit: Double = 20

    func validate() throws {
        try requireOutputPath(out, option: "--out")
        guard options >= 1, options <= 53 else { throw ValidationError("--options must be between 1 and 53, got \(options)") }
        guard timeLimit.isFinite, timeLimit > 0, timeLimit <= 3_600 else {
            throw ValidationError("--time-limit must be a number of seconds between 0 and 3600, got \(timeLimit)")
        }
    }

    func run() throws {
        let (loaded, requestID, overlayText) = try loadScenario()
        let current = try PlanFileInput.loadForPlanning(plan, scenario: loaded.scenario)
        let digest = ScenarioDigest.sha256Hex(loaded.scenario)
        // The current plan is of the scenario as it stands: without the request file's request.
        let baseDigest = overlayText == nil ? digest : ScenarioDigest.sha256Hex(try ScenarioInput.load(scenario, printWarnings: false).scenario)
        try PlanFileInput.requireDigest(current, file: plan, digest: baseDigest, scenario: scenario)
        let found: [Recommender.Option]
        do {
            found = try Recommender.recommend(scenario: loaded.scenario, current: current, requestID: requestID, digest: digest)
        } catch let error as PlannerError {
            FileHandleOutput.standardError("jointplan: \(error)")
            throw ExitCode(ExitStatus.internalError)
        }
        var verified: [Recommender.Option] = []
        var rejected = 0
        for option in found where verified.count < options {
            if PlanChecker.check(scenario: loaded.scenario, plan: option.plan).violations.isEmpty {
                verified.append(option)
            } else {
                rejected += 1
            }
        }
        let text = Self.render(verified, requestID: requestID, rejected: rejected, current: current,
                               moveWeight: loaded.scenario.objective.move)
        if let out {
            var files: [(path: String, data: Data)] = [(out + "/recommendation.md", Data(text.utf8))]
            for (number, option) in verified.enumerated() {
                files.append(("\(out)/option-\(number + 1)/plan.json", PlanJSON.encode(option.plan)))
            }
            if let overlayText { files.append((out + "/request-overlay.yaml", Data(overlayText.utf8))) }
            try OutputFile.writeAll(files)
        }
        FileHandleOutput.standardOutput(text + (out.map { "\nwritten to \($0)/" } ?? ""))
        if verified.isEmpty { throw ExitCode(ExitStatus.attention) }
    }

    /// The scenario with the request, the request id, and (for a request file) an overlay adding it.
    private func loadScenario() throws -> (LoadedScenario, String, String?) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: request, isDirectory: &isDirectory), !isDirectory.boolValue else {
            let loaded = try ScenarioInput.load(scenario)
            guard loaded.scenario.request(request) != nil else {
                FileHandleOutput.standardError("--request: '\(request)' is neither a file nor a request id of \(scenario)")
                throw ExitCode(ExitStatus.invalidInput)
            }
            return (loaded, request, nil)
        }
        do throws(DiagnosticList) {
            let (loaded, id) = try ScenarioLoader.load(path: scenario, addingRequestFile: request)
            for warning in loaded.warnings { ScenarioInput.printError(warning.description) }
            let text = (try? String(contentsOfFile: request, encoding: .utf8)) ?? ""
            return (loaded, id, Self.overlay(wrapping: text, id: id))
        } catch {
            for diagnostic in error.diagnostics { ScenarioInput.printError(diagnostic.description) }
            ScenarioInput.printError("\(error.errors.count) error\(error.errors.count == 1 ? "" : "s") in \(scenario) with \(request)")
            throw ExitCode(ExitStatus.invalidInput)
        }
    }

    /// An overlay (§8) adding the request file's request: its text indented under `patch.requests`.
    static func overlay(wrapping text: String, id: String) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { String($0).replacingOccurrences(of: "\r", with: "") }
            .filter { $0 != "---" && $0 != "..." && !$0.hasPrefix("\u{FEFF}---") }
        var body: [String] = []
        var first = true
        for line in lines {
            let content = line.hasPrefix("\u{FEFF}") ? String(line.dropFirst()) : line
            if first && !content.trimmingCharacters(in: .whitespaces).isEmpty && !content.hasPrefix("#") {
                body.append("    - " + content)
                first = false
            } else {
                body.append(content.isEmpty ? "" : "      " + content)
            }
        }
        return "format: jointplan-overlay/v1\nname: 新增需求 \(id)\npatch:\n  requests:\n" + body.joined(separator: "\n") + "\n"
    }

    static func render(_ options: [Recommender.Option], requestID: String, rejected: Int, current: PlanDocument,
                       moveWeight: Double) -> String {
        // A re-planned current plan's objective holds its own moves against its reference; the options'
        // costs are measured from the plan as it stands, without them.
        let ownMoves = Double(current.kpis.moved) * moveWeight
        let objective = ownMoves > 0
            ? "\(String(format1: current.solver.objective - ownMoves)) (\(String(format1: current.solver.objective)) less its own \(current.kpis.moved) moves against its reference)"
            : String(format1: current.solver.objective)
        var lines = ["# Where to place \(requestID)", "",
                     "Current plan: objective \(objective). Cost = change of the objective when the request is added this way (moves cost \(String(format1: moveWeight)) each, sessions left out their unscheduled weight).", ""]
        // A request the plan already holds is placed again from scratch: say where it is now.
        let already = current.sessions.filter { $0.request == requestID }
        if !already.isEmpty {
            let weeks = already.map { "\($0.region) r\($0.round) w\($0.week)" }.joined(separator: ", ")
            lines += ["\(requestID) is already in the current plan (\(weeks)); each option below places it anew, and its cost is measured against the plan with it where it is.", ""]
        }
        if options.isEmpty {
            let frozen = current.replan?.freezeUntil.map { " (the current plan is frozen until \($0): nothing new starts before it)" } ?? ""
            lines.append("No week can take the request without breaking a hard rule\(frozen).")
        }
        for (number, option) in options.enumerated() {
            var line = "\(number + 1). week \(option.week): cost \(option.cost >= 0 ? "+" : "")\(String(format1: option.cost)); "
            line += option.placed.map { "\($0.key.region) r\($0.key.round) w\($0.week)" }.joined(separator: ", ")
            if !option.unplaced.isEmpty { line += "; not placed: " + option.unplaced.map(\.description).joined(separator: ", ") }
            line += option.moved.isEmpty ? "; moves nothing" : "; moves " + option.moved.map { "\($0.key) (week \($0.from) → \($0.to))" }.joined(separator: ", ")
            if !option.added.isEmpty {
                line += "; also places " + option.added.map { "\($0.key) (week \($0.week))" }.joined(separator: ", ")
                    + " (unscheduled in the current plan)"
            }
            if !option.dropped.isEmpty {
                line += "; leaves out " + option.dropped.map(\.description).joined(separator: ", ") + " (placed in the current plan)"
            }
            lines.append(line)
        }
        if rejected > 0 { lines += ["", "\(rejected) option(s) dropped: the checker found violations."] }
        return lines.joined(separator: "\n")
    }
}
