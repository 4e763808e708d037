import Foundation
import JointPlanCore
import JointPlanFormats

/// Storing departments' submissions and withdrawals: validated first, then one transaction each.
extension Workspace {
    /// Validates a department's sheet against the reference data and the other departments' current
    /// submissions (ids unique across all; the lead of every row is the submitting department) and stores
    /// it as the department's new current version. Identical requests to the current version store nothing.
    ///
    /// Validation runs inside the write transaction, so two departments submitting at once cannot both
    /// claim one request id. Any error throws `IntakeError.invalid` with every problem located in the sheet,
    /// and the transaction is rolled back having written nothing. `beforeCommit` runs just before the commit
    /// (tests use it to crash there).
    public func submit(department: String, bytes: [UInt8], display: String, actor: String, note: String? = nil,
                       now: Date = Date(), beforeCommit: (() -> Void)? = nil) throws -> SubmitOutcome {
        let reference = try loadReference()
        try checkDepartment(department, in: reference.scenario)
        let text: String
        do throws(Diagnostic) {
            text = try RequestSheets.decode(bytes, display: display)
        } catch {
            throw IntakeError.invalid([error])
        }
        let fileDigest = Digest.sha256(bytes)
        let store = try IntakeStore.open(databaseFile)
        defer { store.close() }
        return try store.write { db in
            let current = try IntakeStore.currentVersions(db)
            let others = reference.scenario.departments.filter { $0.id != department }.compactMap { current[$0.id] }
            let merged = RequestSheets.merge(others.map { sheetSource($0) } + [RequestSheetSource(display: display, text: text)],
                                             into: reference.scenario)
            let rows = merged.rows.last ?? []
            var problems = merged.diagnostics.filter { $0.file == display }
            // A department cannot see the others' sheets: say who already uses a colliding id.
            var owners: [String: String] = [:]
            for request in reference.scenario.requests { owners[request.id] = "the bureau's own requests (scenario.yaml)" }
            for version in others {
                for id in version.requestIDs { owners[id] = "\(version.department)'s submission v\(version.version)" }
            }
            for index in problems.indices {
                let message = problems[index].message
                guard message.hasPrefix("duplicate id '"), message.hasSuffix("'") else { continue }
                let id = String(message.dropFirst("duplicate id '".count).dropLast())
                if let owner = owners[id] { problems[index].message += " (already used by \(owner))" }
            }
            for row in rows where row.request.lead != department && !row.request.lead.isEmpty {
                problems.append(Diagnostic(file: display, line: row.line, field: row.field("lead"),
                                           message: "the lead is '\(row.request.lead)', but this sheet is submitted by '\(department)' (a department submits the requests it leads)"))
            }
            // The session limit is the whole workspace's: the validator files it under the largest request,
            // perhaps another department's, so the sheet that crosses it is refused here by name.
            var workspaceSessions = 0
            for request in merged.scenario.requests where workspaceSessions < Int.max {
                let (count, overflow) = max(1, request.rounds).multipliedReportingOverflow(by: max(1, request.regions.count))
                let (sum, overflowSum) = workspaceSessions.addingReportingOverflow(count)
                workspaceSessions = overflow || overflowSum ? Int.max : sum
            }
            if workspaceSessions > maximumSessions, !problems.contains(where: { $0.message.contains("the limit is \(maximumSessions)") }) {
                problems.append(Diagnostic(file: display, message: "with this sheet the workspace would hold \(workspaceSessions) sessions (rounds × regions of every request); the limit is \(maximumSessions)"))
            }
            if rows.isEmpty && !problems.contains(where: { $0.severity == .error }) {
                problems.append(Diagnostic(file: display, message: "the sheet has no request rows (rows whose first cell starts with # are comments)"))
            }
            problems.sort { ($0.line ?? 0) < ($1.line ?? 0) }
            let errors = problems.filter { $0.severity == .error }
            guard errors.isEmpty else { throw IntakeError.invalid(errors) }

            let sheet = RequestSheets.render(rows.map(\.request))
            let sheetDigest = Digest.sha256(sheet)
            let previous = current[department]
            if let previous, previous.sheetDigest == sheetDigest { return .unchanged(previous) }
            let version = SubmissionVersion(
                department: department, version: (previous?.version ?? 0) + 1, action: "submit", actor: actor, note: note,
                createdAt: Clock.iso(now), fileName: PathText.lastComponent(display), fileDigest: fileDigest,
                withdrawnRequest: nil, sheet: sheet, sheetDigest: sheetDigest, requestIDs: rows.map(\.request.id))
            try IntakeStore.insert(version, fileBytes: bytes, db)
            let sessions = rows.reduce(0) { $0 + $1.request.rounds * $1.request.regions.count }
            var detail = "\(version.fileName ?? display): \(rows.count) requests, \(sessions) sessions"
            if let previous { detail += "; replaces v\(previous.version)" + Self.changeSummary(from: previous.requestIDs, to: version.requestIDs) }
            if let note { detail += "; note: \(note)" }
            try IntakeStore.audit(AuditEntry(sequence: 0, at: version.createdAt, actor: actor, action: "submit", department: department,
                                             version: version.version, request: nil, digest: fileDigest, detail: detail), db)
            beforeCommit?()
            return .stored(version, warnings: problems.filter { $0.severity == .warning })
        }
    }

    /// Withdraws one request from a department's current submission: a new version without it, with the reason.
    public func withdraw(department: String, request requestID: String, reason: String, actor: String,
                         now: Date = Date()) throws -> SubmissionVersion {
        let reference = try loadReference()
        try checkDepartment(department, in: reference.scenario)
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else { throw IntakeError.invalid(file: databaseFile, field: "--reason", "a reason is required") }
        let store = try IntakeStore.open(databaseFile)
        defer { store.close() }
        return try store.write { db in
            guard let previous = try IntakeStore.currentVersions(db)[department] else {
                throw IntakeError.invalid(file: databaseFile, field: "--department", "department '\(department)' has submitted nothing")
            }
            let rows = RequestSheets.merge([sheetSource(previous)], into: reference.scenario).rows.first ?? []
            guard rows.contains(where: { $0.request.id == requestID }) else {
                let ids = previous.requestIDs.isEmpty ? "none" : previous.requestIDs.joined(separator: ", ")
                throw IntakeError.invalid(file: databaseFile, field: "--request",
                                          "request '\(requestID)' is not in \(department)'s current submission (v\(previous.version): \(ids))")
            }
            let kept = rows.map(\.request).filter { $0.id != requestID }
            let sheet = RequestSheets.render(kept)
            let version = SubmissionVersion(
                department: department, version: previous.version + 1, action: "withdraw", actor: actor, note: reason,
                createdAt: Clock.iso(now), fileName: nil, fileDigest: nil, withdrawnRequest: requestID, sheet: sheet,
                sheetDigest: Digest.sha256(sheet), requestIDs: kept.map(\.id))
            try IntakeStore.insert(version, fileBytes: nil, db)
            try IntakeStore.audit(AuditEntry(sequence: 0, at: version.createdAt, actor: actor, action: "withdraw", department: department,
                                             version: version.version, request: requestID, digest: version.sheetDigest,
                                             detail: "withdrew \(requestID) from v\(previous.version): \(reason)"), db)
            return version
        }
    }

    func checkDepartment(_ department: String, in scenario: Scenario) throws {
        guard scenario.department(department) == nil else { return }
        let known = scenario.departments.map(\.id).joined(separator: ", ")
        throw IntakeError.invalid(file: scenarioFile, field: "--department", "department '\(department)' is not defined (known: \(known))")
    }

    /// `: +R07 −R03` (ids added and dropped), or `` when the ids are the same.
    static func changeSummary(from old: [String], to new: [String]) -> String {
        let added = new.filter { !old.contains($0) }, dropped = old.filter { !new.contains($0) }
        let parts = added.map { "+\($0)" } + dropped.map { "-\($0)" }
        return parts.isEmpty ? " (same ids, changed content)" : " (" + parts.joined(separator: " ") + ")"
    }
}
