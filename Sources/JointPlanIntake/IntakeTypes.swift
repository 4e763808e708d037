import Crypto
import Foundation
import JointPlanCore
import JointPlanFormats

/// What can go wrong in the intake, by what the user should do about it.
public enum IntakeError: Error, Equatable, CustomStringConvertible {
    /// Bad input (exit 2): every problem, located by file, row and column; nothing was stored.
    case invalid([Diagnostic])
    /// Another process held the database past the busy timeout (exit 1): nothing was stored; retry.
    case busy(database: String)
    /// The database cannot be opened, read or written (exit 1).
    case storage(database: String, message: String)

    public var description: String {
        switch self {
        case .invalid(let diagnostics): return diagnostics.map(\.description).joined(separator: "\n")
        case .busy(let database):
            return "\(database): busy: another process is writing to the workspace; nothing was stored, retry"
        case .storage(let database, let message): return "\(database): \(message)"
        }
    }

    static func invalid(file: String, field: String? = nil, _ message: String) -> IntakeError {
        .invalid([Diagnostic(file: file, field: field, message: message)])
    }
}

/// One stored version of a department's submission.
public struct SubmissionVersion: Equatable, Sendable {
    public var department: String
    public var version: Int
    /// `submit` (a sheet was sent) or `withdraw` (one request was withdrawn from the previous version).
    public var action: String
    public var actor: String
    /// The submitter's note, or the reason of a withdrawal.
    public var note: String?
    /// ISO 8601 UTC, seconds.
    public var createdAt: String
    /// The file name as sent (submit only).
    public var fileName: String?
    /// sha256 (hex) of the file's bytes as sent (submit only).
    public var fileDigest: String?
    public var withdrawnRequest: String?
    /// The canonical sheet of this version's requests (English headers, UTF-8), as planning reads it.
    public var sheet: String
    /// sha256 (hex) of `sheet`: what a plan records as the version's digest.
    public var sheetDigest: String
    public var requestIDs: [String]
}

/// One line of the audit trail.
public struct AuditEntry: Equatable, Sendable {
    public var sequence: Int
    public var at: String
    public var actor: String
    /// `init`, `submit` or `withdraw`.
    public var action: String
    public var department: String?
    public var version: Int?
    public var request: String?
    /// sha256 of the file sent (submit), of the source scenario's canonical form (init), or of the new sheet.
    public var digest: String?
    public var detail: String
}

/// The result of `submit`: a new version, or none because the requests are those of the current version.
public enum SubmitOutcome: Equatable, Sendable {
    case stored(SubmissionVersion, warnings: [Diagnostic])
    case unchanged(SubmissionVersion)
}

/// A department's place in the intake, for `intake list`.
public struct DepartmentStatus: Equatable, Sendable {
    public var department: Department
    /// Nil when the department has submitted nothing.
    public var current: SubmissionVersion?
    /// Sessions (rounds × regions) of the current version's requests.
    public var sessions: Int
}

/// The scenario a workspace plans: reference data plus every department's current submission.
public struct WorkspaceScenario: Sendable {
    public var loaded: LoadedScenario
    /// The versions used, sorted by department id.
    public var inputs: [InputVersion]
}

enum Digest {
    static func sha256(_ bytes: some Sequence<UInt8>) -> String {
        SHA256.hash(data: Array(bytes)).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }

    static func sha256(_ text: String) -> String { sha256(Array(text.utf8)) }
}

enum Clock {
    /// `2025-01-15T08:30:12Z`.
    static func iso(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }
}
