import ArgumentParser
import Foundation
import JointPlanIntake

/// `jointplan intake list WORKSPACE`: every department and its current version.
struct IntakeListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List departments and their current submissions.")

    @Argument(help: "The workspace folder.")
    var workspace: String

    func run() throws {
        let statuses = try intake(workspace) { try Workspace.open(workspace).status() }
        var rows = [["department", "name", "version", "requests", "sessions", "updated", "by"]]
        for status in statuses {
            guard let current = status.current else {
                rows.append([status.department.id, status.department.name, "-", "-", "-", "-", "-"])
                continue
            }
            rows.append([status.department.id, status.department.name, "v\(current.version)", "\(current.requestIDs.count)",
                         "\(status.sessions)", current.createdAt, current.actor])
        }
        let submitted = statuses.filter { $0.current != nil }.count
        FileHandleOutput.standardOutput(textTable(rows) + "\n\(submitted) of \(statuses.count) departments have submitted")
    }
}

/// `jointplan intake show WORKSPACE --department ID [--version N] [--sheet]`.
struct IntakeShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one version of a department's submission and its history.")

    @Argument(help: "The workspace folder.")
    var workspace: String

    @Option(name: .long, help: "The department's id.")
    var department: String

    @Option(name: .long, help: "The version (default: the current one).")
    var version: Int?

    @Flag(name: .long, help: "Print the version's canonical request sheet (CSV) instead.")
    var sheet = false

    func run() throws {
        let shown = try intake(workspace) { try Workspace.open(workspace).show(department: department, version: version) }
        let chosen = shown.version
        if sheet {
            FileHandleOutput.standardOutput(chosen.sheet)
            return
        }
        let current = shown.history.last?.version ?? chosen.version
        var lines = ["\(department) version \(chosen.version)\(chosen.version == current ? " (current)" : " (current: \(current))"): \(chosen.action) by \(chosen.actor) at \(chosen.createdAt)"]
        if let file = chosen.fileName { lines.append("file: \(file), sha256 \(chosen.fileDigest ?? "-")") }
        if let withdrawn = chosen.withdrawnRequest { lines.append("withdrew: \(withdrawn)") }
        if let note = chosen.note { lines.append((chosen.action == "withdraw" ? "reason: " : "note: ") + note) }
        lines.append("sheet sha256 \(chosen.sheetDigest)")
        var rows = [["id", "priority", "rounds", "days", "regions", "window", "title"]]
        for request in shown.requests {
            let window = request.window.map { "\($0.from.iso)…\($0.to.iso)" } ?? "whole year"
            rows.append([request.id, request.priority.rawValue, "\(request.rounds)", "\(request.durationDays)",
                         request.regions.joined(separator: ";"), window, request.title])
        }
        lines.append(textTable(rows))
        lines.append("history:")
        for item in shown.history {
            let what = item.action == "withdraw" ? "withdrew \(item.withdrawnRequest ?? "?")" : "from \(item.fileName ?? "?")"
            lines.append("  v\(item.version)  \(item.createdAt)  \(item.action) by \(item.actor)  \(what)  (\(item.requestIDs.count) requests)")
        }
        FileHandleOutput.standardOutput(lines.joined(separator: "\n"))
    }
}

/// `jointplan intake log WORKSPACE [--verify]`: the audit trail.
struct IntakeLogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log", abstract: "Print the audit trail: who, when, what, file digest.",
        discussion: "With --verify, also run SQLite's integrity check and check that every version is in the log (exit 3 when not).")

    @Argument(help: "The workspace folder.")
    var workspace: String

    @Flag(name: .long, help: "Check the database's integrity and the log's completeness.")
    var verify = false

    func run() throws {
        let target = try intake(workspace) { try Workspace.open(workspace) }
        let entries = try intake(workspace) { try target.log() }
        for entry in entries {
            var text = "#\(entry.sequence)  \(entry.at)  \(entry.actor)  \(entry.action)"
            if let department = entry.department { text += "  \(department)" + (entry.version.map { " v\($0)" } ?? "") }
            if let request = entry.request { text += "  \(request)" }
            if let digest = entry.digest { text += "  sha256 \(digest)" }
            FileHandleOutput.standardOutput(text + "  \(entry.detail)")
        }
        guard verify else { return }
        let problems = try intake(workspace) { try target.verify() }
        if problems.isEmpty {
            FileHandleOutput.standardOutput("verify: ok: integrity_check ok, \(entries.count) log entries, every version logged")
            return
        }
        for problem in problems { FileHandleOutput.standardOutput("verify: \(problem)") }
        throw ExitCode(ExitStatus.attention)
    }
}

/// `jointplan intake export WORKSPACE --output DIR`: a plain scenario folder from the current submissions.
struct IntakeExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a plain scenario folder (scenario.yaml + requests/*.csv) from the current submissions.")

    @Argument(help: "The workspace folder.")
    var workspace: String

    @Option(name: .long, help: "The folder to write.")
    var output: String

    func validate() throws {
        try requireOutputPath(output, option: "--output")
    }

    func run() throws {
        let result = try intake(workspace) { try Workspace.open(workspace).export(to: output) }
        FileHandleOutput.standardOutput("exported \(workspace) to \(output): \(result.files.count) files, scenario digest \(result.digest)")
    }
}
