import ArgumentParser
import Foundation
import JointPlanCore
import JointPlanFormats
import JointPlanIntake

/// Loads the SCENARIO argument of a subcommand: warnings go to stderr; on errors every diagnostic goes to
/// stderr and the command exits with code 2 (invalid input, nothing written). The argument may be a
/// scenario folder, a scenario YAML file, or an intake workspace (a folder holding `intake.sqlite`).
enum ScenarioInput {
    static func load(_ path: String, overlays: [String] = [], printWarnings: Bool = true) throws -> LoadedScenario {
        try loadWithInputs(path, overlays: overlays, printWarnings: printWarnings).loaded
    }

    /// The scenario (with `overlays` applied in order) and, for an intake workspace, the submission
    /// versions it was built from. A workspace with overlays is exported to a temporary plain folder first,
    /// since overlays merge into the scenario's source files.
    static func loadWithInputs(_ path: String, overlays: [String] = [], printWarnings: Bool = true) throws
        -> (loaded: LoadedScenario, inputs: [InputVersion]?) {
        var source = path
        var inputs: [InputVersion]? = nil
        var exported: String? = nil
        var keepExported = false
        defer { if let exported, !keepExported { try? FileManager.default.removeItem(atPath: exported) } }
        if Workspace.isWorkspace(path) {
            do {
                let workspace = try Workspace.open(path)
                let planned = try workspace.loadScenario()
                inputs = planned.inputs
                if overlays.isEmpty {
                    if printWarnings { for warning in planned.loaded.warnings { printError(warning.description) } }
                    return (planned.loaded, inputs)
                }
                let folder = NSTemporaryDirectory() + "jointplan-workspace-\(UUID().uuidString)"
                _ = try workspace.export(to: folder)
                exported = folder
                source = folder
            } catch {
                throw IntakeFailure.report(error, subject: path)
            }
        }
        // Messages name the workspace, not the temporary export: a department's sheet is its stored version
        // (the export writes it line for line). The reference data is rendered anew: on errors (the run stops)
        // the copy is kept and named, its lines being worth opening; a run that goes on names it as
        // `intake export` writes it, and the copy goes.
        func printLocated(_ diagnostics: [Diagnostic], keep: Bool) {
            var diagnostics = diagnostics
            var referenceLines = false
            if let exported {
                let databaseFile = (try? Workspace.open(path))?.databaseFile ?? path
                for index in diagnostics.indices where diagnostics[index].file.hasPrefix(exported + "/") {
                    let relative = String(diagnostics[index].file.dropFirst(exported.count + 1))
                    if let input = inputs?.first(where: { "requests/\($0.department).csv" == relative }) {
                        diagnostics[index].file = "\(databaseFile) (\(input.department) v\(input.version))"
                    } else if keep {
                        referenceLines = true
                    } else {
                        diagnostics[index].file = "\(path) (exported \(relative))"
                    }
                }
            }
            for diagnostic in diagnostics { printError(diagnostic.description) }
            if referenceLines, let exported {
                keepExported = true
                printError("(the workspace was exported to \(exported) to apply the overlays; lines above refer to that copy)")
            }
        }
        do throws(DiagnosticList) {
            let loaded = try ScenarioLoader.load(path: source, overlays: overlays)
            if printWarnings { printLocated(loaded.warnings, keep: false) }
            return (loaded, inputs)
        } catch {
            printLocated(error.diagnostics, keep: true)
            let count = error.errors.count
            let with = overlays.isEmpty ? "" : " with \(overlays.joined(separator: ", "))"
            printError("\(count) error\(count == 1 ? "" : "s") in \(path)\(with)")
            throw ExitCode(2)
        }
    }

    /// One line to stderr.
    static func printError(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
