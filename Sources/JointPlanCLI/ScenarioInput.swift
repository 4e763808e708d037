import ArgumentParser
import Foundation
import JointPlanCore
import JointPlanFormats
import JointPlanIntake

/// Loads the SCENARIO argument of a subcommand: warnings go to stderr; on errors every diagnostic goes to
/// stderr and the command exits with code 2 (invalid input, nothing written). The argument may be a
/// scenario folder, a scenario YAML file, or an intake workspace (a folder holding `intake.sqlite`).
enum ScenarioInput {
    static func load(_ path: String) throws -> LoadedScenario {
        try loadWithInputs(path).loaded
    }

    /// The scenario and, for an intake workspace, the submission versions it was built from.
    static func loadWithInputs(_ path: String) throws -> (loaded: LoadedScenario, inputs: [InputVersion]?) {
        if Workspace.isWorkspace(path) {
            do {
                let workspace = try Workspace.open(path).loadScenario()
                for warning in workspace.loaded.warnings { printError(warning.description) }
                return (workspace.loaded, workspace.inputs)
            } catch {
                throw IntakeFailure.report(error, subject: path)
            }
        }
        do throws(DiagnosticList) {
            let loaded = try ScenarioLoader.load(path: path)
            for warning in loaded.warnings { printError(warning.description) }
            return (loaded, nil)
        } catch {
            for diagnostic in error.diagnostics { printError(diagnostic.description) }
            let count = error.errors.count
            printError("\(count) error\(count == 1 ? "" : "s") in \(path)")
            throw ExitCode(2)
        }
    }

    /// One line to stderr.
    static func printError(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
