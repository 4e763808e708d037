import Foundation
import JointPlanCore
import JointPlanFormats

/// Reading the intake back: status, versions, the audit trail, a check, and the export to a plain scenario.
extension Workspace {
    /// Every department of the reference data with its current version (nil when it submitted nothing).
    public func status() throws -> [DepartmentStatus] {
        let reference = try loadReference()
        let store = try IntakeStore.open(databaseFile)
        defer { store.close() }
        let current = try store.read { db in try IntakeStore.currentVersions(db) }
        return reference.scenario.departments.map { department in
            let version = current[department.id]
            let submitted = version.map { self.requests(of: $0, year: reference.scenario.year) } ?? []
            return DepartmentStatus(department: department, current: version,
                                    sessions: submitted.reduce(0) { $0 + $1.rounds * $1.regions.count })
        }
    }

    /// One version of a department's submission (the current one when `number` is nil), its requests, and
    /// the department's whole history.
    public func show(department: String, version number: Int? = nil) throws
        -> (version: SubmissionVersion, requests: [Request], history: [SubmissionVersion]) {
        let reference = try loadReference()
        try checkDepartment(department, in: reference.scenario)
        let store = try IntakeStore.open(databaseFile)
        defer { store.close() }
        let history = try store.read { db in try IntakeStore.versions(db, department: department) }
        guard let last = history.last else {
            throw IntakeError.invalid(file: databaseFile, field: "--department", "department '\(department)' has submitted nothing")
        }
        let chosen = number.map { number in history.first { $0.version == number } } ?? last
        guard let chosen else {
            throw IntakeError.invalid(file: databaseFile, field: "--version",
                                      "\(department) has no version \(number ?? 0) (versions 1…\(last.version))")
        }
        return (chosen, requests(of: chosen, year: reference.scenario.year), history)
    }

    /// The audit trail, oldest first.
    public func log() throws -> [AuditEntry] {
        let store = try IntakeStore.open(databaseFile)
        defer { store.close() }
        return try store.read(IntakeStore.auditLog)
    }

    /// SQLite's integrity check and the intake's own: every version has its audit entry (with the version's
    /// digest), versions have no gaps, contents match their sha256, and each version's sheet is what its
    /// file, or the withdrawal from the version before, gives: a sheet rewritten with a fresh digest is
    /// found too.
    public func verify() throws -> [String] {
        let store = try IntakeStore.open(databaseFile)
        defer { store.close() }
        var problems = try store.verify()
        let reference = try loadReference().scenario
        var previous: IntakeStore.StoredVersion?
        for version in try store.storedVersions() {
            let label = "version \(version.department) v\(version.version)"
            let expected: String?
            if version.action == "submit", let bytes = version.fileBytes {
                let display = version.fileName ?? label
                let text = try? RequestSheets.decode(bytes, display: display)
                expected = text.map { RequestSheets.render(parsedRequests(RequestSheetSource(display: display, text: $0), reference)) }
            } else if let withdrawn = version.withdrawnRequest, let before = previous, before.department == version.department {
                let source = RequestSheetSource(display: label, text: before.sheet)
                expected = RequestSheets.render(parsedRequests(source, reference).filter { $0.id != withdrawn })
            } else {
                expected = nil
            }
            // Both sides through today's reader: a stored sheet that an older jointplan read differently (blanks it
            // did not trim yet) is not a change; a sheet edited behind the intake's back still is.
            let stored = RequestSheets.render(parsedRequests(RequestSheetSource(display: label, text: version.sheet), reference))
            if let expected, expected != stored {
                problems.append("\(label): its stored sheet is not what \(version.action == "submit" ? "the file sent" : "the withdrawal") gives")
            }
            previous = version
        }
        return problems
    }

    private func parsedRequests(_ source: RequestSheetSource, _ reference: Scenario) -> [Request] {
        (RequestSheets.merge([source], into: reference).rows.first ?? []).map(\.request)
    }

    /// The original bytes of a submitted version (nil for withdrawals).
    public func originalFile(department: String, version: Int) throws -> [UInt8]? {
        let store = try IntakeStore.open(databaseFile)
        defer { store.close() }
        return try store.read { db in
            try Data.fetchOne(db, sql: "SELECT file_bytes FROM submission WHERE department = ? AND version = ?",
                              arguments: [department, version]).map(Array.init)
        }
    }

    func requests(of version: SubmissionVersion, year: Int) -> [Request] {
        RequestSheets.merge([sheetSource(version)], into: Scenario(name: "", year: year)).rows.first?.map(\.request) ?? []
    }

    // MARK: Export

    /// Writes a plain scenario folder: `scenario.yaml` (the reference data, the bureau's requests and
    /// `request_files` naming one sheet per department) and `requests/<department>.csv` (each current
    /// version's canonical sheet, UTF-8 with BOM). The folder is first written to a temporary place and read
    /// back; it is kept only if it gives the workspace's scenario exactly (same digest).
    public func export(to directory: String) throws -> (digest: String, files: [String]) {
        // Exporting into a workspace (this one or another) would overwrite its scenario.yaml with one naming
        // request_files, which a workspace may not: the workspace would stop loading.
        if Workspace.isWorkspace(directory) {
            throw IntakeError.invalid(file: directory, "is an intake workspace; export to a folder of its own")
        }
        let workspace = try loadScenario()
        let reference = try loadReference().scenario
        let store = try IntakeStore.open(databaseFile)
        let current = try store.read { db in try IntakeStore.currentVersions(db) }
        store.close()
        let versions = reference.departments.compactMap { department in
            workspace.inputs.contains { $0.department == department.id } ? current[department.id] : nil
        }
        let sheetPaths = versions.map { "requests/\($0.department).csv" }
        let inputs = versions.map { "\($0.department) v\($0.version)" }.joined(separator: ", ")
        let yaml = try ScenarioYAML.render(reference, requestFiles: sheetPaths, comment: """
            Exported by `jointplan intake export` from the workspace \(path).
            Requests: the bureau's own below; the departments' current submissions in requests/ (\(inputs.isEmpty ? "none" : inputs)).
            """)
        var files: [(path: String, data: Data)] = [(Self.scenarioFileName, Data(yaml.utf8))]
        for (version, sheetPath) in zip(versions, sheetPaths) {
            files.append((sheetPath, Data([0xEF, 0xBB, 0xBF]) + Data(version.sheet.utf8)))
        }
        let digest = ScenarioDigest.sha256Hex(workspace.loaded.scenario)
        let staging = FileManager.default.temporaryDirectory.appendingPathComponent("jointplan-export-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: staging) }
        try OutputFile.writeAll(files.map { (join(staging, $0.path), $0.data) })
        let check: LoadedScenario
        do throws(DiagnosticList) {
            check = try ScenarioLoader.load(path: staging)
        } catch {
            throw IntakeError.storage(database: directory, message: "the exported scenario does not read back (internal error): \(error)")
        }
        guard ScenarioDigest.sha256Hex(check.scenario) == digest else {
            throw IntakeError.storage(database: directory, message: "the exported scenario differs from the workspace's (internal error)")
        }
        try OutputFile.writeAll(files.map { (join(directory, $0.path), $0.data) })
        return (digest, files.map { join(directory, $0.path) })
    }
}
