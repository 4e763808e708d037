import ArgumentParser
import Foundation
import JointPlanIntake

/// `jointplan intake init WORKSPACE --from SCENARIO`.
struct IntakeInitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Start a year's workspace from a scenario's reference data.",
        discussion: """
        Copies calendar, policy, regions, departments, targets, objective and the requests written in the \
        scenario's YAML (the bureau's own) into WORKSPACE/scenario.yaml and creates WORKSPACE/intake.sqlite. \
        Requests from the scenario's request_files are left out: the departments submit those.
        """)

    @Argument(help: "The workspace folder to create (absent or empty).")
    var workspace: String

    @Option(name: .long, help: "The scenario (folder or YAML file) whose reference data to start from.")
    var from: String

    @Option(name: .long, help: "Who is doing this (default: the login name).")
    var by: String?

    func run() throws {
        let created = try intake(from) { try Workspace.create(at: workspace, from: from, actor: intakeActor(by)) }
        let detail = (try? created.log().last?.detail) ?? ""
        FileHandleOutput.standardOutput("created workspace \(workspace): \(detail)")
    }
}

/// `jointplan intake submit WORKSPACE --department ID FILE.csv [--by NAME] [--note TEXT]`.
struct IntakeSubmitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "submit",
        abstract: "Validate a department's request sheet and store it as its new current submission.",
        discussion: """
        The sheet (UTF-8 or GB18030, English or Chinese headers, DESIGN §4) is checked against the \
        workspace's reference data and the other departments' current submissions; the lead of every row \
        must be the submitting department. On any error every problem is listed (file, row, column), \
        nothing is stored and the exit code is 2. Identical requests to the current version store nothing.
        """)

    @Argument(help: "The workspace folder.")
    var workspace: String

    @Option(name: .long, help: "The submitting department's id.")
    var department: String

    @Argument(help: "The request sheet (CSV).")
    var file: String

    @Option(name: .long, help: "Who submits (default: the login name).")
    var by: String?

    @Option(name: .long, help: "A note kept with the version.")
    var note: String?

    func run() throws {
        let outcome = try intake(file) {
            let target = try Workspace.open(workspace)
            let bytes = try Workspace.readSheet(file)
            return try target.submit(department: department, bytes: bytes, display: file, actor: intakeActor(by), note: note,
                                     beforeCommit: Self.crashHook())
        }
        switch outcome {
        case let .stored(version, warnings):
            for warning in warnings { FileHandleOutput.standardError(warning.description) }
            FileHandleOutput.standardOutput(
                "\(department): stored version \(version.version) from \(file): \(version.requestIDs.count) requests (\(version.requestIDs.joined(separator: ", "))); file sha256 \(version.fileDigest ?? "-")")
        case let .unchanged(version):
            FileHandleOutput.standardOutput(
                "\(department): unchanged: \(file) holds the same requests as version \(version.version); nothing stored")
        }
    }

    /// Tests set JOINTPLAN_INTAKE_CRASH_BEFORE_COMMIT=1 to kill the process inside the transaction.
    static func crashHook() -> (() -> Void)? {
        guard ProcessInfo.processInfo.environment["JOINTPLAN_INTAKE_CRASH_BEFORE_COMMIT"] == "1" else { return nil }
        return { kill(getpid(), SIGKILL) }
    }
}

/// `jointplan intake withdraw WORKSPACE --department ID --request RID --reason TEXT`.
struct IntakeWithdrawCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "withdraw",
        abstract: "Withdraw one request from a department's current submission (a new version, with the reason).")

    @Argument(help: "The workspace folder.")
    var workspace: String

    @Option(name: .long, help: "The department's id.")
    var department: String

    @Option(name: .long, help: "The request id to withdraw.")
    var request: String

    @Option(name: .long, help: "Why (kept in the version and the audit trail).")
    var reason: String

    @Option(name: .long, help: "Who withdraws (default: the login name).")
    var by: String?

    func run() throws {
        let version = try intake(workspace) {
            try Workspace.open(workspace).withdraw(department: department, request: request, reason: reason, actor: intakeActor(by))
        }
        FileHandleOutput.standardOutput(
            "\(department): withdrew \(request); version \(version.version) holds \(version.requestIDs.count) requests")
    }
}
