import Foundation
import GRDB
import JointPlanCore

/// The workspace database (`intake.sqlite`): one SQLite file in WAL mode, its schema kept by GRDB's
/// migrator. Every change happens in one `BEGIN IMMEDIATE` transaction, so a crash leaves either the old
/// or the new state, and concurrent writers queue on SQLite's lock (busy timeout) instead of failing.
///
/// Tables (schema v1):
/// - `submission`: every version of every department's submission, never updated or deleted. A version
///   holds the whole current request list of its department: `submit` stores the sheet sent (its bytes and
///   digest) and its canonical form; `withdraw` stores the previous canonical sheet less one request.
///   The current version of a department is its highest.
/// - `audit_log`: who did what when (init, submit, withdraw), with the file digest; append-only.
/// - `workspace_info`: key/value facts about the workspace (created, source scenario).
final class IntakeStore {
    let path: String
    let queue: DatabaseQueue

    /// Seconds a writer waits for another process's transaction before giving up with "busy".
    static let busySeconds: TimeInterval = 30

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE workspace_info (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL);
                CREATE TABLE submission (
                    id INTEGER PRIMARY KEY,
                    department TEXT NOT NULL,
                    version INTEGER NOT NULL CHECK (version >= 1),
                    action TEXT NOT NULL CHECK (action IN ('submit', 'withdraw')),
                    actor TEXT NOT NULL,
                    note TEXT,
                    created_at TEXT NOT NULL,
                    file_name TEXT,
                    file_digest TEXT,
                    file_bytes BLOB,
                    withdrawn_request TEXT,
                    sheet TEXT NOT NULL,
                    sheet_digest TEXT NOT NULL,
                    request_ids TEXT NOT NULL,
                    UNIQUE (department, version));
                CREATE TABLE audit_log (
                    id INTEGER PRIMARY KEY,
                    at TEXT NOT NULL,
                    actor TEXT NOT NULL,
                    action TEXT NOT NULL,
                    department TEXT,
                    version INTEGER,
                    request TEXT,
                    digest TEXT,
                    detail TEXT NOT NULL);
                CREATE VIEW current_submission AS
                    SELECT s.* FROM submission s
                    WHERE s.version = (SELECT MAX(version) FROM submission t WHERE t.department = s.department);
                """)
        }
        return migrator
    }

    /// Opened read-only (`open`): writes are refused as input errors before SQLite sees them.
    let readOnly: Bool

    private init(path: String, queue: DatabaseQueue, readOnly: Bool) {
        self.path = path
        self.queue = queue
        self.readOnly = readOnly
    }

    /// Opens (or with `create`, creates) the database and brings its schema up to date.
    /// `readOnly` nil: read-only exactly when the file or its folder may not be written (tests force it).
    static func open(_ path: String, create: Bool = false, readOnly forced: Bool? = nil) throws -> IntakeStore {
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
        if !create && !exists {
            throw IntakeError.storage(database: path, message: "no such database")
        }
        if exists && isDirectory.boolValue {
            throw IntakeError.invalid(file: path, "is a directory, not an intake database")
        }
        // An emptied database file would otherwise be taken for a new one and silently lose the history.
        if !create, exists, fileSize(path) == 0, fileSize(path + "-wal") == 0 {
            throw IntakeError.invalid(file: path, "the database file is empty: not an intake database (was it truncated? start a workspace with `jointplan intake init`)")
        }
        // A workspace one may only read (archived, on a read-only share) is opened read-only: listing, the log
        // and planning work; a submit fails with SQLite's "readonly database", which is what it is.
        let folder = PathText.parent(path).isEmpty ? "." : PathText.parent(path)
        let readOnly = forced ?? (!create && exists && (access(path, W_OK) != 0 || access(folder, W_OK) != 0))
        var configuration = Configuration()
        configuration.readonly = readOnly
        configuration.busyMode = .timeout(busySeconds)
        configuration.label = "intake"
        let queue: DatabaseQueue
        do {
            // Read-only, a checkpointed database (no `-wal` beside it) is opened as immutable: SQLite cannot
            // otherwise read a WAL database in a folder where it may not create the `-shm` file. With a `-wal`
            // (another user writing, or a crash before the checkpoint) immutable would skip what is in it, so
            // the plain read-only open is used: it reads the WAL through an existing `-shm`.
            let uri = readOnly && fileSize(path + "-wal") == 0 ? Self.immutableURI(path) : path
            queue = try DatabaseQueue(path: uri, configuration: configuration)
        } catch {
            throw mapped(error, path)
        }
        let store = IntakeStore(path: path, queue: queue, readOnly: readOnly)
        do {
            let migrator = Self.migrator
            if readOnly {
                if try queue.read(migrator.hasBeenSuperseded) {
                    throw IntakeError.invalid(file: path, "the database was written by a newer jointplan (unknown schema version); open it with that version")
                }
                guard try queue.read(migrator.hasCompletedMigrations) else {
                    throw IntakeError.invalid(file: path, "the database is read-only and of an older schema: open it once where it may be written")
                }
                return store
            }
            let mode = try queue.writeWithoutTransaction { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
            if mode?.lowercased() != "wal" {
                _ = try queue.writeWithoutTransaction { db in try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL") }
            }
            if try queue.read(migrator.hasBeenSuperseded) {
                // Not a broken disk but a workspace this version cannot read: input the user can fix (exit 2).
                throw IntakeError.invalid(file: path, "the database was written by a newer jointplan (unknown schema version); open it with that version")
            }
            if try !queue.read(migrator.hasCompletedMigrations) {
                try migrator.migrate(queue)
            }
        } catch {
            try? queue.close()
            throw mapped(error, path)
        }
        return store
    }

    func close() { try? queue.close() }

    /// `file:PATH?immutable=1`, the path percent-encoded as a URI path.
    static func immutableURI(_ path: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "?#%")
        return "file:" + (path.addingPercentEncoding(withAllowedCharacters: allowed) ?? path) + "?immutable=1"
    }

    /// Runs `body` in one `BEGIN IMMEDIATE` transaction: committed when it returns, rolled back when it throws.
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        guard !readOnly else {
            throw IntakeError.invalid(file: path, "the workspace may only be read here (no write permission on it or its folder); nothing was stored")
        }
        do {
            return try queue.writeWithoutTransaction { db in
                var result: T?
                try db.inTransaction(.immediate) {
                    result = try body(db)
                    return .commit
                }
                return result!
            }
        } catch {
            throw Self.mapped(error, path)
        }
    }

    /// Runs `body` on one consistent snapshot.
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try queue.read { db in try body(db) }
        } catch {
            throw Self.mapped(error, path)
        }
    }

    /// SQLite's errors as `IntakeError`: a lock held too long is `busy`; `IntakeError`s pass through.
    static func mapped(_ error: any Error, _ path: String) -> any Error {
        if error is IntakeError { return error }
        if let error = error as? DatabaseError {
            if error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED {
                return IntakeError.busy(database: path)
            }
            // Garbage or a damaged file where the workspace's database should be: the user's file to
            // restore (input error, exit 2), not a fault of the program.
            if error.resultCode == .SQLITE_NOTADB || error.resultCode == .SQLITE_CORRUPT {
                return IntakeError.invalid(file: path, "not a readable intake database (\(error.message ?? "\(error.resultCode)")); restore it from a backup")
            }
            return IntakeError.storage(database: path, message: error.message ?? "\(error.resultCode)")
        }
        return IntakeError.storage(database: path, message: "\(error)")
    }

    // MARK: Queries

    static let versionColumns = """
        department, version, action, actor, note, created_at, file_name, file_digest, withdrawn_request, sheet, \
        sheet_digest, request_ids
        """

    static func version(_ row: Row) -> SubmissionVersion {
        let ids: String = row["request_ids"]
        return SubmissionVersion(
            department: row["department"], version: row["version"], action: row["action"], actor: row["actor"],
            note: row["note"], createdAt: row["created_at"], fileName: row["file_name"], fileDigest: row["file_digest"],
            withdrawnRequest: row["withdrawn_request"], sheet: row["sheet"], sheetDigest: row["sheet_digest"],
            requestIDs: ids.isEmpty ? [] : ids.split(separator: ";").map(String.init))
    }

    static func currentVersions(_ db: Database) throws -> [String: SubmissionVersion] {
        let rows = try Row.fetchAll(db, sql: "SELECT \(versionColumns) FROM current_submission")
        return Dictionary(rows.map { (version($0).department, version($0)) }, uniquingKeysWith: { first, _ in first })
    }

    static func versions(_ db: Database, department: String) throws -> [SubmissionVersion] {
        try Row.fetchAll(db, sql: "SELECT \(versionColumns) FROM submission WHERE department = ? ORDER BY version",
                         arguments: [department]).map(version)
    }

    static func insert(_ version: SubmissionVersion, fileBytes: [UInt8]?, _ db: Database) throws {
        try db.execute(sql: """
            INSERT INTO submission (department, version, action, actor, note, created_at, file_name, file_digest, file_bytes,
                                    withdrawn_request, sheet, sheet_digest, request_ids)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [version.department, version.version, version.action, version.actor, version.note,
                             version.createdAt, version.fileName, version.fileDigest, fileBytes.map { Data($0) },
                             version.withdrawnRequest, version.sheet, version.sheetDigest,
                             version.requestIDs.joined(separator: ";")])
    }

    static func audit(_ entry: AuditEntry, _ db: Database) throws {
        try db.execute(sql: """
            INSERT INTO audit_log (at, actor, action, department, version, request, digest, detail)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [entry.at, entry.actor, entry.action, entry.department, entry.version, entry.request,
                             entry.digest, entry.detail])
    }

    static func auditLog(_ db: Database) throws -> [AuditEntry] {
        try Row.fetchAll(db, sql: "SELECT * FROM audit_log ORDER BY id").map { row in
            AuditEntry(sequence: row["id"], at: row["at"], actor: row["actor"], action: row["action"],
                       department: row["department"], version: row["version"], request: row["request"],
                       digest: row["digest"], detail: row["detail"])
        }
    }

    /// One stored version with what `verify` re-derives its sheet from.
    struct StoredVersion {
        var department: String
        var version: Int
        var action: String
        var fileName: String?
        var fileBytes: [UInt8]?
        var withdrawnRequest: String?
        var sheet: String
    }

    /// Every stored version, by department and version.
    func storedVersions() throws -> [StoredVersion] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT department, version, action, file_name, file_bytes, withdrawn_request, sheet
                FROM submission ORDER BY department, version
                """).map { row in
                StoredVersion(department: row["department"], version: row["version"], action: row["action"],
                              fileName: row["file_name"], fileBytes: (row["file_bytes"] as Data?).map { Array($0) },
                              withdrawnRequest: row["withdrawn_request"], sheet: row["sheet"])
            }
        }
    }

    /// Problems found by SQLite's `integrity_check` and by cross-checking versions and the audit log.
    func verify() throws -> [String] {
        try read { db in
            var problems = try String.fetchAll(db, sql: "PRAGMA integrity_check").filter { $0 != "ok" }
            problems += try String.fetchAll(db, sql: """
                SELECT 'version ' || s.department || ' v' || s.version || ' has no audit entry'
                FROM submission s LEFT JOIN audit_log a
                  ON a.department = s.department AND a.version = s.version AND a.action = s.action
                WHERE a.id IS NULL ORDER BY s.id
                """)
            problems += try String.fetchAll(db, sql: """
                SELECT 'department ' || department || ' has versions 1..' || MAX(version) || ' but ' || COUNT(*) || ' rows'
                FROM submission GROUP BY department HAVING MAX(version) <> COUNT(*)
                """)
            // The audit entry records the digest of what was stored: the file sent, or a withdrawal's sheet.
            problems += try String.fetchAll(db, sql: """
                SELECT 'version ' || s.department || ' v' || s.version || ': its audit entry records sha256 '
                       || COALESCE(a.digest, 'none') || ', the version ' || COALESCE(
                       CASE s.action WHEN 'submit' THEN s.file_digest ELSE s.sheet_digest END, 'none')
                FROM submission s JOIN audit_log a
                  ON a.department = s.department AND a.version = s.version AND a.action = s.action
                WHERE a.digest IS NOT (CASE s.action WHEN 'submit' THEN s.file_digest ELSE s.sheet_digest END)
                ORDER BY s.id
                """)
            // Each version's contents against the sha256 recorded when it was stored.
            for row in try Row.fetchAll(db, sql: """
                SELECT department, version, sheet, sheet_digest, file_bytes, file_digest FROM submission ORDER BY id
                """) {
                let version = "version \(row["department"] as String) v\(row["version"] as Int)"
                if Digest.sha256(row["sheet"] as String) != row["sheet_digest"] as String {
                    problems.append("\(version): its sheet does not match its recorded sha256")
                }
                if let bytes = row["file_bytes"] as Data?, let digest = row["file_digest"] as String?,
                   Digest.sha256(bytes) != digest {
                    problems.append("\(version): the file sent does not match its recorded sha256")
                }
            }
            return problems
        }
    }
}

/// The size of the file at `path` in bytes; 0 when it does not exist.
private func fileSize(_ path: String) -> Int {
    ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
}
