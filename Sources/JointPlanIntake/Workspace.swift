import Foundation
import JointPlanCore
import JointPlanFormats

/// A year's intake workspace: a folder holding `scenario.yaml` (reference data: calendar, policy, regions,
/// departments, targets, objective, and the bureau's own requests) and `intake.sqlite` (the departments'
/// submissions, every version, and the audit trail). Its scenario is the reference data plus every
/// department's current submission, in the order of the departments in `scenario.yaml`.
public struct Workspace: Sendable {
    public static let scenarioFileName = "scenario.yaml"
    public static let databaseFileName = "intake.sqlite"

    /// The folder as the user named it.
    public let path: String
    public var scenarioFile: String { join(path, Self.scenarioFileName) }
    public var databaseFile: String { join(path, Self.databaseFileName) }

    /// True when `path` is a folder holding `intake.sqlite`.
    public static func isWorkspace(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else { return false }
        return FileManager.default.fileExists(atPath: join(path, databaseFileName))
    }

    /// The workspace at `path`; an input error when the folder is not one.
    public static func open(_ path: String) throws -> Workspace {
        guard isWorkspace(path) else {
            throw IntakeError.invalid(file: path, "not an intake workspace (no \(databaseFileName); start one with `jointplan intake init`)")
        }
        let workspace = Workspace(path: path)
        guard FileManager.default.fileExists(atPath: workspace.scenarioFile) else {
            throw IntakeError.invalid(file: path, "the workspace holds no \(scenarioFileName)")
        }
        return workspace
    }

    init(path: String) { self.path = path }

    // MARK: Creating

    /// Starts a workspace at `path` (absent or an empty folder) from the scenario at `source`: its reference
    /// data and the requests of its YAML file (the bureau's own); requests from its `request_files` sheets
    /// are left out, since the departments submit those. Built in a temporary folder and renamed into place.
    @discardableResult
    public static func create(at path: String, from source: String, actor: String, now: Date = Date()) throws -> Workspace {
        try checkTarget(path)
        let loaded: LoadedScenario
        do throws(DiagnosticList) {
            loaded = try ScenarioLoader.load(path: source)
        } catch {
            throw IntakeError.invalid(error.diagnostics)
        }
        var reference = loaded.scenario
        let sheetIDs = try Set(loaded.files.dropFirst().flatMap { file in try sheetRequestIDs(file, year: reference.year) })
        reference.requests.removeAll { sheetIDs.contains($0.id) }
        let digest = ScenarioDigest.sha256Hex(reference)

        let parent = PathText.parent(path)
        let staging = join(parent.isEmpty ? "." : parent, ".\(PathText.lastComponent(path)).init-\(UUID().uuidString)")
        let workspace = Workspace(path: staging)
        do {
            do {
                try FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: true)
            } catch {
                throw IntakeError.invalid(file: path, "cannot create the workspace folder: \(posixReason(error))")
            }
            let comment = """
                Reference data of the intake workspace \(path), made by `jointplan intake init` from \(source).
                Edit calendar, policy, regions, departments, targets and objective here. Requests listed here are the
                judicial bureau's own (filed on paper); departments' requests come from `jointplan intake submit`.
                """
            let yaml = try ScenarioYAML.render(reference, comment: comment)
            try OutputFile.write(Data(yaml.utf8), to: workspace.scenarioFile)
            let check = try workspace.loadReference()
            guard ScenarioDigest.sha256Hex(check.scenario) == digest else {
                throw IntakeError.storage(database: workspace.scenarioFile, message: "the written reference data does not read back the same (internal error)")
            }
            let store = try IntakeStore.open(workspace.databaseFile, create: true)
            defer { store.close() }
            try store.write { db in
                try db.execute(sql: "INSERT INTO workspace_info (key, value) VALUES ('created', ?), ('source', ?), ('year', ?)",
                               arguments: [Clock.iso(now), source, String(reference.year)])
                try IntakeStore.audit(AuditEntry(
                    sequence: 0, at: Clock.iso(now), actor: actor, action: "init", department: nil, version: nil, request: nil,
                    digest: digest,
                    detail: "workspace created from \(source): \(reference.regions.count) regions, \(reference.departments.count) departments, \(reference.targets.count) targets, \(reference.requests.count) bureau requests (\(sheetIDs.count) sheet requests left for the departments to submit)"), db)
            }
        } catch {
            try? FileManager.default.removeItem(atPath: staging)
            throw error
        }
        // rename(2) replaces an empty folder and fails on one that is not: a workspace another `intake init`
        // (or a submit into it) filled since `checkTarget` is never deleted. (Removing the folder first did.)
        guard rename(staging, path) == 0 else {
            let code = errno
            try? FileManager.default.removeItem(atPath: staging)
            let reason = code == ENOTEMPTY || code == EEXIST
                ? "the folder is no longer empty (another `jointplan intake init` at the same time?); nothing was changed"
                : String(cString: strerror(code))
            throw IntakeError.storage(database: path, message: "cannot create the workspace: \(reason)")
        }
        return Workspace(path: path)
    }

    private static func checkTarget(_ path: String) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return }
        guard isDirectory.boolValue else { throw IntakeError.invalid(file: path, "exists and is not a folder") }
        let contents = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        guard contents.isEmpty else {
            throw IntakeError.invalid(file: path, isWorkspace(path) ? "is already an intake workspace" : "the folder is not empty")
        }
    }

    /// The ids of the requests of one `request_files` sheet of a scenario being imported.
    private static func sheetRequestIDs(_ file: String, year: Int) throws -> [String] {
        let text = try RequestSheets.decode(readSheet(file), display: file)
        let merged = RequestSheets.merge([RequestSheetSource(display: file, text: text)], into: Scenario(name: "", year: year))
        return merged.rows.flatMap { $0.map(\.request.id) }
    }

    // MARK: Reading

    /// The reference data (`scenario.yaml`), validated; a workspace's YAML may not name `request_files`.
    public func loadReference() throws -> LoadedScenario {
        let loaded: LoadedScenario
        do throws(DiagnosticList) {
            loaded = try ScenarioLoader.load(path: scenarioFile)
        } catch {
            throw IntakeError.invalid(error.diagnostics)
        }
        if loaded.files.count > 1 {
            // The key's line, for the message (the loader has accepted the file, so it is readable YAML).
            let lines = ((try? String(contentsOfFile: scenarioFile, encoding: .utf8)) ?? "").split(separator: "\n", omittingEmptySubsequences: false)
            let line = lines.firstIndex { $0.hasPrefix("request_files:") }.map { $0 + 1 }
            throw IntakeError.invalid([Diagnostic(file: scenarioFile, line: line, field: "request_files",
                                                  message: "a workspace's scenario.yaml may not name request_files: departments' requests come from `jointplan intake submit`")])
        }
        return loaded
    }

    /// The scenario to plan: the reference data plus every department's current submission, with the
    /// versions used. Stored versions were valid when stored; if the reference data changed since, their
    /// errors are reported against `intake.sqlite (department vN)`.
    public func loadScenario() throws -> WorkspaceScenario {
        let reference = try loadReference()
        let store = try IntakeStore.open(databaseFile)
        defer { store.close() }
        let current = try store.read { db in try IntakeStore.currentVersions(db) }
        let versions = reference.scenario.departments.compactMap { current[$0.id] }
        let unknown = current.keys.filter { reference.scenario.department($0) == nil }.sorted()
        var problems = unknown.map {
            Diagnostic(file: databaseFile, message: "department '\($0)' has a current submission but is not defined in \(scenarioFile)")
        }
        // A plan records each sheet's digest as its provenance: a sheet changed behind the intake's back
        // would be planned under a digest it no longer has.
        problems += versions.filter { Digest.sha256($0.sheet) != $0.sheetDigest }.map {
            Diagnostic(file: databaseFile, message: "\($0.department) v\($0.version): the stored sheet no longer matches its recorded sha256 \($0.sheetDigest) (changed outside jointplan intake; see `jointplan intake log --verify`)")
        }
        let merged = RequestSheets.merge(versions.map { sheetSource($0) }, into: reference.scenario)
        problems += merged.errors
        guard problems.isEmpty else { throw IntakeError.invalid(problems) }
        let loaded = LoadedScenario(scenario: merged.scenario, warnings: reference.warnings + merged.diagnostics,
                                    files: reference.files + [databaseFile])
        let inputs = versions.map { InputVersion(department: $0.department, version: $0.version, digest: $0.sheetDigest) }
            .sorted { $0.department < $1.department }
        return WorkspaceScenario(loaded: loaded, inputs: inputs)
    }

    /// A stored version's sheet as the reader sees it, named `ws/intake.sqlite (scjg v3)` in diagnostics.
    func sheetSource(_ version: SubmissionVersion) -> RequestSheetSource {
        RequestSheetSource(display: "\(databaseFile) (\(version.department) v\(version.version))", text: version.sheet)
    }

    /// The bytes of a sheet file, refusing folders and files over 20 MiB.
    public static func readSheet(_ path: String) throws -> [UInt8] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw IntakeError.invalid(file: path, "no such file or directory")
        }
        guard !isDirectory.boolValue else { throw IntakeError.invalid(file: path, "is a directory, not a file") }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw IntakeError.invalid(file: path, "cannot read the file (permission denied?)")
        }
        defer { try? handle.close() }
        let limit = 20 * 1024 * 1024
        let data = (try? handle.read(upToCount: limit + 1)) ?? Data()
        guard data.count <= limit else { throw IntakeError.invalid(file: path, "file is too large (the limit is 20 MiB)") }
        return Array(data)
    }
}

/// Joins display paths without doubling slashes.
func join(_ base: String, _ name: String) -> String {
    base.hasSuffix("/") ? base + name : base + "/" + name
}

/// The system's reason behind a Foundation file error (`Not a directory`), else its description.
func posixReason(_ error: any Error) -> String {
    var current = error as NSError
    for _ in 0..<4 {
        if current.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(current.code))) }
        guard let underlying = current.userInfo[NSUnderlyingErrorKey] as? any Error else { break }
        current = underlying as NSError
    }
    return error.localizedDescription
}
