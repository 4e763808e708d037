import ArgumentParser
import Foundation
import JointPlanCore
import JointPlanFormats
import JointPlanIntake

/// `jointplan intake init|submit|list|show|withdraw|log|export WORKSPACE …`: departments' submissions in a
/// workspace (scenario.yaml + intake.sqlite), validated, versioned and logged.
struct IntakeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "intake",
        abstract: "Department submissions in a workspace database: validation, versions, audit trail.",
        discussion: """
        A workspace is a folder holding scenario.yaml (reference data) and intake.sqlite. Any SCENARIO \
        argument (plan, validate, check, …) may be a workspace: its scenario is the reference data plus \
        every department's current submission. A workspace one may only read can still be listed, logged \
        and planned. Exit codes: 0 done; 1 internal error or busy database \
        (nothing stored, retry); 2 invalid input (nothing stored or written); 3 `log --verify` found problems.
        """,
        subcommands: [IntakeInitCommand.self, IntakeSubmitCommand.self, IntakeListCommand.self, IntakeShowCommand.self,
                      IntakeWithdrawCommand.self, IntakeLogCommand.self, IntakeExportCommand.self])
}

/// The name the audit trail records: `--by`, else the login name (from the environment, or the account
/// database when a cron job or container leaves USER and LOGNAME unset).
func intakeActor(_ by: String?) -> String {
    if let by = by?.trimmingCharacters(in: .whitespacesAndNewlines), !by.isEmpty { return by }
    let environment = ProcessInfo.processInfo.environment
    if let name = environment["USER"] ?? environment["LOGNAME"], !name.isEmpty { return name }
    if let entry = getpwuid(getuid()), let name = entry.pointee.pw_name { return String(cString: name) }
    return "uid \(getuid())"
}

/// Runs an intake operation, turning its failures into messages and the exit codes of §7.
func intake<T>(_ subject: String, _ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch {
        throw IntakeFailure.report(error, subject: subject)
    }
}

enum IntakeFailure {
    /// Prints `error` to stderr and returns the exit code to end with: 2 for input errors (each located,
    /// including a database file that is garbage, damaged or emptied), 1 for a busy database or a storage
    /// failure.
    static func report(_ error: any Error, subject: String) -> any Error {
        switch error {
        case let error as IntakeError:
            switch error {
            case .invalid(let diagnostics):
                for diagnostic in diagnostics { FileHandleOutput.standardError(diagnostic.description) }
                let count = diagnostics.filter { $0.severity == .error }.count
                FileHandleOutput.standardError("\(count) error\(count == 1 ? "" : "s") in \(subject); nothing was stored")
                return ExitCode(ExitStatus.invalidInput)
            case .busy, .storage:
                FileHandleOutput.standardError("jointplan: \(error)")
                return ExitCode(ExitStatus.internalError)
            }
        case let diagnostic as Diagnostic:
            return report(IntakeError.invalid([diagnostic]), subject: subject)
        case let list as DiagnosticList:
            return report(IntakeError.invalid(list.diagnostics), subject: subject)
        case let output as OutputFileError:
            FileHandleOutput.standardError("jointplan: \(output)")
            return ExitCode(ExitStatus.invalidInput)
        default:
            return error
        }
    }
}

/// Left-aligned text columns (two spaces apart), counting East Asian characters as two columns wide.
func textTable(_ rows: [[String]]) -> String {
    func width(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { $0 + ($1.value >= 0x1100 && ($1.value <= 0x115F || (0x2E80...0xFFEF).contains($1.value)) ? 2 : 1) }
    }
    let columns = rows.map(\.count).max() ?? 0
    let widths = (0..<columns).map { column in rows.map { column < $0.count ? width($0[column]) : 0 }.max() ?? 0 }
    return rows.map { row in
        row.enumerated().map { index, cell in
            index == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[index] - width(cell))
        }.joined(separator: "  ")
    }.joined(separator: "\n")
}
