import ArgumentParser
import Foundation
import JointPlanCore
import JointPlanFormats

/// Loads the SCENARIO argument of a subcommand: warnings go to stderr; on errors every diagnostic goes to
/// stderr and the command exits with code 2 (invalid input, nothing written).
enum ScenarioInput {
    static func load(_ path: String, overlays: [String] = [], printWarnings: Bool = true) throws -> LoadedScenario {
        do throws(DiagnosticList) {
            let loaded = try ScenarioLoader.load(path: path, overlays: overlays)
            if printWarnings { for warning in loaded.warnings { printError(warning.description) } }
            return loaded
        } catch {
            for diagnostic in error.diagnostics { printError(diagnostic.description) }
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
