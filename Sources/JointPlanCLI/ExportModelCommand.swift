import ArgumentParser
import Foundation
import JointPlanFormats
import JointPlanSolver

/// `jointplan export-model SCENARIO --format mps|lp --output FILE`: the MILP for other solvers.
struct ExportModelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export-model",
        abstract: "Write the plan's MILP as CPLEX LP or free MPS, for other solvers.")

    enum Format: String, ExpressibleByArgument, CaseIterable { case lp, mps }

    @Argument(help: "A scenario folder, a scenario YAML file, or an intake workspace.")
    var scenario: String

    @Option(name: .long, help: "lp (CPLEX LP) or mps (free MPS).")
    var format: Format

    @Option(name: .long, help: "The file to write.")
    var output: String

    func validate() throws {
        try requireOutputPath(output, option: "--output")
    }

    func run() throws {
        let loaded = try ScenarioInput.load(scenario)
        // GLPK writes into a private temporary file; the bytes then go to the output atomically, so GLPK
        // never sees a device or a path it could replace (GLPK-NOTES.md).
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("jointplan-export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let temporary = folder.appendingPathComponent("model.\(format.rawValue)").path
        try Planner.exportModel(scenario: loaded.scenario, lp: format == .lp, to: temporary)
        guard let data = FileManager.default.contents(atPath: temporary) else {
            throw ExitCode(ExitStatus.internalError)
        }
        try OutputFile.write(data, to: output)
    }
}
