import Foundation
import GRDB
import JointPlanCore
import JointPlanFormats
@testable import JointPlanIntake
import Testing

@Suite("Workspace")
struct WorkspaceTests {
    @Test func initKeepsReferenceDataAndBureauRequestsButNotSheetRequests() throws {
        let paths = try Fixture.make()
        let workspace = try Workspace.create(at: paths.workspace, from: paths.scenario, actor: "tester")
        #expect(Workspace.isWorkspace(paths.workspace))
        let reference = try workspace.loadReference().scenario
        #expect(reference.requests.map(\.id) == ["B01"])
        #expect(reference.departments.map(\.id) == ["d01", "d02", "d03"])
        let source = try ScenarioLoader.load(path: paths.scenario).scenario
        var expected = source
        expected.requests.removeAll { $0.id == "S01" }
        #expect(ScenarioDigest.sha256Hex(reference) == ScenarioDigest.sha256Hex(expected))
        #expect(try workspace.log().map(\.action) == ["init"])
        // A second init into the same folder is refused.
        #expect(throws: IntakeError.self) { try Workspace.create(at: paths.workspace, from: paths.scenario, actor: "tester") }
    }

    @Test func submitStoresVersionsAndIdenticalResubmissionIsANoOp() throws {
        let workspace = try Fixture.workspace()
        let first = try workspace.submit(department: "d02", bytes: Fixture.bytes(Fixture.sheet("d02", ids: ["X1", "X2"])),
                                         display: "d02.csv", actor: "a", note: "first")
        guard case .stored(let v1, _) = first else { Issue.record("not stored"); return }
        #expect(v1.version == 1 && v1.requestIDs == ["X1", "X2"] && v1.note == "first")
        // The same requests in another encoding of the sheet (Chinese headers): nothing stored.
        let again = try workspace.submit(department: "d02", bytes: Fixture.bytes(Fixture.sheet("d02", ids: ["X1", "X2"], chinese: true)),
                                         display: "d02-zh.csv", actor: "a")
        #expect(again == .unchanged(v1))
        let second = try workspace.submit(department: "d02", bytes: Fixture.bytes(Fixture.sheet("d02", ids: ["X1"])),
                                          display: "d02.csv", actor: "b")
        guard case .stored(let v2, _) = second else { Issue.record("not stored"); return }
        #expect(v2.version == 2)
        let shown = try workspace.show(department: "d02", version: 1)
        #expect(shown.version.requestIDs == ["X1", "X2"] && shown.history.map(\.version) == [1, 2])
        let planned = try workspace.loadScenario()
        #expect(planned.loaded.scenario.requests.map(\.id) == ["B01", "X1"])
        #expect(planned.inputs == [InputVersion(department: "d02", version: 2, digest: v2.sheetDigest)])
        #expect(try workspace.log().map(\.action) == ["init", "submit", "submit"])
        #expect(try workspace.originalFile(department: "d02", version: 1) == Fixture.bytes(Fixture.sheet("d02", ids: ["X1", "X2"])))
    }

    @Test func rejectedSheetsNameFileRowAndColumnAndStoreNothing() throws {
        let workspace = try Fixture.workspace()
        let sheet = """
            id,title,lead,targets,regions,duration_days,officers
            B01,重复编号,d02,shop,county,1,d02:2
            X2,别的部门牵头,d03,shop,county,1,d03:2
            X3,未知区域,d02,shop,moon,1,d02:2
            X4,坏天数,d02,shop,county,x,d02:2

            """
        let error = #expect(throws: IntakeError.self) {
            try workspace.submit(department: "d02", bytes: Fixture.bytes(sheet), display: "bad.csv", actor: "a")
        }
        guard case .invalid(let diagnostics) = error else { Issue.record("expected invalid"); return }
        let lines = diagnostics.map(\.description)
        // A department cannot see who holds an id: the message says.
        #expect(lines.contains("bad.csv:2: column id: duplicate id 'B01' (already used by the bureau's own requests (scenario.yaml))"),
                "\(lines)")
        #expect(lines.contains { $0.hasPrefix("bad.csv:3: column lead: the lead is 'd03'") })
        #expect(lines.contains("bad.csv:4: column regions: region 'moon' is not defined"))
        #expect(lines.contains("bad.csv:5: column duration_days: expected an integer, found 'x'"))
        #expect(try workspace.log().count == 1)
        #expect(try workspace.status().allSatisfy { $0.current == nil })
        // An unknown department, an empty and a binary file.
        #expect(throws: IntakeError.self) { try workspace.submit(department: "nope", bytes: Fixture.bytes(sheet), display: "x.csv", actor: "a") }
        #expect(throws: IntakeError.self) { try workspace.submit(department: "d02", bytes: [], display: "x.csv", actor: "a") }
        #expect(throws: IntakeError.self) { try workspace.submit(department: "d02", bytes: [0x69, 0x64, 0, 1], display: "x.csv", actor: "a") }
        let template = RequestSheets.template(chinese: true, year: 2025)
        #expect(throws: IntakeError.self) { try workspace.submit(department: "d02", bytes: Fixture.bytes(template), display: "t.csv", actor: "a") }
        _ = try workspace.submit(department: "d01", bytes: Fixture.bytes(Fixture.sheet("d01", ids: ["Q1"])), display: "d01.csv", actor: "a")
        let taken = #expect(throws: IntakeError.self) {
            try workspace.submit(department: "d02", bytes: Fixture.bytes(Fixture.sheet("d02", ids: ["Q1"])), display: "d02.csv", actor: "a")
        }
        #expect("\(taken.map { "\($0)" } ?? "")".contains("duplicate id 'Q1' (already used by d01's submission v1)"),
                "\(taken.map { "\($0)" } ?? "")")
    }

    @Test func withdrawMakesANewVersionWithoutTheRequest() throws {
        let workspace = try Fixture.workspace()
        _ = try workspace.submit(department: "d03", bytes: Fixture.bytes(Fixture.sheet("d03", ids: ["Z1", "Z2"])), display: "d03.csv", actor: "a")
        #expect(throws: IntakeError.self) { try workspace.withdraw(department: "d03", request: "Z9", reason: "x", actor: "a") }
        #expect(throws: IntakeError.self) { try workspace.withdraw(department: "d03", request: "Z1", reason: "  ", actor: "a") }
        #expect(throws: IntakeError.self) { try workspace.withdraw(department: "d02", request: "Z1", reason: "x", actor: "a") }
        let version = try workspace.withdraw(department: "d03", request: "Z1", reason: "合并到Z2", actor: "b")
        #expect(version.version == 2 && version.requestIDs == ["Z2"] && version.withdrawnRequest == "Z1")
        #expect(try workspace.loadScenario().loaded.scenario.requests.map(\.id) == ["B01", "Z2"])
        let last = try #require(try workspace.log().last)
        #expect(last.action == "withdraw" && last.request == "Z1" && last.actor == "b" && last.detail.contains("合并到Z2"))
    }

    @Test func exportReadsBackAsTheSameScenario() throws {
        let workspace = try Fixture.workspace()
        _ = try workspace.submit(department: "d02", bytes: Fixture.bytes(Fixture.sheet("d02", ids: ["X1"], title: "含,逗号和\"引号\"")),
                                 display: "d02.csv", actor: "a")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("intake-export-\(UUID().uuidString)").path
        let result = try workspace.export(to: folder)
        let exported = try ScenarioLoader.load(path: folder).scenario
        #expect(ScenarioDigest.sha256Hex(exported) == result.digest)
        #expect(ScenarioDigest.sha256Hex(try workspace.loadScenario().loaded.scenario) == result.digest)
        #expect(exported.requests.map(\.title) == ["司法局协调事项", "含,逗号和\"引号\" X1"])
    }

    @Test func concurrentWritersAllLandWithContiguousVersions() throws {
        let workspace = try Fixture.workspace(departments: 4)
        let failures = Failures()
        DispatchQueue.concurrentPerform(iterations: 12) { index in
            let department = String(format: "d%02d", index % 4 + 1)
            let sheet = Fixture.sheet(department, ids: ["Q\(index)"])
            do {
                _ = try workspace.submit(department: department, bytes: Fixture.bytes(sheet), display: "q\(index).csv", actor: "t\(index)")
            } catch {
                failures.add("\(error)")
            }
        }
        #expect(failures.all.isEmpty)
        #expect(try workspace.log().filter { $0.action == "submit" }.count == 12)
        #expect(try workspace.verify().isEmpty)
        #expect(try workspace.status().map { $0.current?.version } == [3, 3, 3, 3])
    }

    /// A stored sheet changed outside the intake (SQL on the database) no longer matches its recorded
    /// sha256: `verify` says so, and the workspace is not planned under the old digest.
    @Test func aSheetChangedBehindTheIntakesBackIsFound() throws {
        let workspace = try Fixture.workspace(departments: 2)
        _ = try workspace.submit(department: "d01", bytes: Fixture.bytes(Fixture.sheet("d01", ids: ["Q1"])),
                                 display: "q1.csv", actor: "t")
        #expect(try workspace.verify().isEmpty)
        _ = try workspace.loadScenario()
        let queue = try DatabaseQueue(path: workspace.databaseFile)
        try queue.write { db in try db.execute(sql: "UPDATE submission SET sheet = replace(sheet, 'Q1', 'Q9')") }
        try queue.close()
        #expect(try workspace.verify() == ["version d01 v1: its sheet does not match its recorded sha256",
                                           "version d01 v1: its stored sheet is not what the file sent gives"])
        let error = #expect(throws: IntakeError.self) { try workspace.loadScenario() }
        #expect("\(error.map { "\($0)" } ?? "")".contains("d01 v1: the stored sheet no longer matches its recorded sha256"))
    }

    /// A workspace one may only read (archived, a read-only share) opens read-only, as immutable (SQLite
    /// cannot otherwise read a WAL database where it may not create `-shm`): reading works, writing is an
    /// input error. (As root the permission check always passes, so the test forces the mode.)
    @Test func aReadOnlyWorkspaceCanBeReadButNotWritten() throws {
        let workspace = try Fixture.workspace(departments: 2)
        _ = try workspace.submit(department: "d01", bytes: Fixture.bytes(Fixture.sheet("d01", ids: ["Q1"])),
                                 display: "q1.csv", actor: "t")
        let store = try IntakeStore.open(workspace.databaseFile, readOnly: true)
        defer { store.close() }
        #expect(try store.read(IntakeStore.currentVersions)["d01"]?.version == 1)
        #expect(try store.verify().isEmpty)
        let error = #expect(throws: IntakeError.self) { try store.write { _ in () } }
        guard case .invalid(let diagnostics)? = error else {
            Issue.record("expected an input error, got \(String(describing: error))")
            return
        }
        #expect(diagnostics.first?.message.contains("may only be read here") == true)
        #expect(IntakeStore.immutableURI("/a b/c?d#e%f.sqlite") == "file:/a%20b/c%3Fd%23e%25f.sqlite?immutable=1")
    }

    /// While another connection keeps the WAL (another user writing, a crash before the checkpoint), a
    /// read-only open must still see what is in it: immutable would show the version before.
    @Test func aReadOnlyOpenSeesWhatIsStillInTheWAL() throws {
        let workspace = try Fixture.workspace(departments: 2)
        _ = try workspace.submit(department: "d01", bytes: Fixture.bytes(Fixture.sheet("d01", ids: ["Q1"])),
                                 display: "q1.csv", actor: "t")
        let holder = try DatabaseQueue(path: workspace.databaseFile)  // keeps the WAL from being checkpointed away
        defer { try? holder.close() }
        try holder.read { db in _ = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM submission") }
        _ = try workspace.submit(department: "d01", bytes: Fixture.bytes(Fixture.sheet("d01", ids: ["Q1", "Q2"])),
                                 display: "q2.csv", actor: "t")
        let wal = (try? FileManager.default.attributesOfItem(atPath: workspace.databaseFile + "-wal")[.size] as? NSNumber)?.intValue ?? 0
        #expect(wal > 0)
        let store = try IntakeStore.open(workspace.databaseFile, readOnly: true)
        defer { store.close() }
        #expect(try store.read(IntakeStore.currentVersions)["d01"]?.version == 2)
    }

    /// The session limit is the workspace's: the sheet that crosses it is refused, by name, and the other
    /// department's sheet that was stored first stays valid.
    @Test func theSheetThatCrossesTheSessionLimitIsRefused() throws {
        let workspace = try Fixture.workspace(departments: 2)
        let many = { (department: String) in
            Fixture.sheet(department, ids: ["\(department.uppercased())X"])
                .replacingOccurrences(of: "id,title,lead,", with: "id,rounds,title,lead,")
                .replacingOccurrences(of: "\(department.uppercased())X,", with: "\(department.uppercased())X,30000,")
        }
        _ = try workspace.submit(department: "d01", bytes: Fixture.bytes(many("d01")), display: "d01.csv", actor: "t")
        let error = #expect(throws: IntakeError.self) {
            try workspace.submit(department: "d02", bytes: Fixture.bytes(many("d02")), display: "d02.csv", actor: "t")
        }
        #expect("\(error.map { "\($0)" } ?? "")".contains("d02.csv: with this sheet the workspace would hold 60001 sessions"),
                "\(error.map { "\($0)" } ?? "")")
        _ = try workspace.loadScenario()
    }

    /// Tampering that keeps each row's own digests consistent: a submitted sheet rewritten with a fresh
    /// sha256 (no longer what the file sent gives), a withdrawal's sheet rewritten (not the version before
    /// less the request), a file replaced with its sha256 (the audit entry still names the original).
    @Test func rewritesWithFreshDigestsAreFound() throws {
        func workspaceWithWithdrawal() throws -> Workspace {
            let workspace = try Fixture.workspace(departments: 2)
            _ = try workspace.submit(department: "d01", bytes: Fixture.bytes(Fixture.sheet("d01", ids: ["Q1", "Q2"])),
                                     display: "q.csv", actor: "t")
            _ = try workspace.withdraw(department: "d01", request: "Q2", reason: "test", actor: "t")
            #expect(try workspace.verify().isEmpty)
            return workspace
        }
        func forge(_ workspace: Workspace, version: Int, sheetDigestToo: Bool = true) throws {
            let queue = try DatabaseQueue(path: workspace.databaseFile)
            try queue.write { db in
                let sheet = try String.fetchOne(db, sql: "SELECT sheet FROM submission WHERE version = ?", arguments: [version])!
                let forged = sheet.replacingOccurrences(of: "Q1", with: "Q7")
                try db.execute(sql: "UPDATE submission SET sheet = ?, sheet_digest = ? WHERE version = ?",
                               arguments: [forged, Digest.sha256(Array(forged.utf8)), version])
            }
            try queue.close()
        }
        let submitted = try workspaceWithWithdrawal()
        try forge(submitted, version: 1)
        #expect(try submitted.verify() == ["version d01 v1: its stored sheet is not what the file sent gives",
                                           "version d01 v2: its stored sheet is not what the withdrawal gives"])

        let withdrawn = try workspaceWithWithdrawal()
        try forge(withdrawn, version: 2)
        let problems = try withdrawn.verify()
        #expect(problems.contains("version d01 v2: its stored sheet is not what the withdrawal gives"), "\(problems)")
        #expect(problems.contains { $0.hasPrefix("version d01 v2: its audit entry records sha256") }, "\(problems)")

        let replaced = try workspaceWithWithdrawal()
        let queue = try DatabaseQueue(path: replaced.databaseFile)
        let other = Fixture.bytes(Fixture.sheet("d01", ids: ["Q5"]))
        try queue.write { db in
            try db.execute(sql: "UPDATE submission SET file_bytes = ?, file_digest = ? WHERE version = 1",
                           arguments: [Data(other), Digest.sha256(other)])
        }
        try queue.close()
        let found = try replaced.verify()
        #expect(found.contains { $0.hasPrefix("version d01 v1: its audit entry records sha256") }, "\(found)")
        #expect(found.contains("version d01 v1: its stored sheet is not what the file sent gives"), "\(found)")
    }

    /// An older jointplan stored sheets with blanks today's reader trims (a no-break space after a title):
    /// verify reads both sides with today's reader, so that is no change.
    @Test func blanksAnOlderReaderKeptAreNoChange() throws {
        let workspace = try Fixture.workspace(departments: 2)
        _ = try workspace.submit(department: "d01", bytes: Fixture.bytes(Fixture.sheet("d01", ids: ["Q1"])),
                                 display: "q.csv", actor: "t")
        let queue = try DatabaseQueue(path: workspace.databaseFile)
        try queue.write { db in
            let sheet = try String.fetchOne(db, sql: "SELECT sheet FROM submission WHERE version = 1")!
            let older = sheet.replacingOccurrences(of: "检查 Q1", with: "检查 Q1\u{00A0}")
            #expect(older != sheet)
            try db.execute(sql: "UPDATE submission SET sheet = ?, sheet_digest = ? WHERE version = 1",
                           arguments: [older, Digest.sha256(Array(older.utf8))])
        }
        try queue.close()
        #expect(try workspace.verify().isEmpty)
    }

    /// A workspace's scenario.yaml that names request sheets is refused at the key's line.
    @Test func requestFilesInAWorkspaceAreRefusedAtTheirLine() throws {
        let workspace = try Fixture.workspace(departments: 2)
        let text = try String(contentsOfFile: workspace.scenarioFile, encoding: .utf8)
        let line = text.split(separator: "\n", omittingEmptySubsequences: false).count + (text.hasSuffix("\n") ? 0 : 1)
        let sheet = (workspace.scenarioFile as NSString).deletingLastPathComponent + "/extra.csv"
        try Fixture.sheet("d01", ids: ["Q1"]).write(toFile: sheet, atomically: true, encoding: .utf8)
        try (text + (text.hasSuffix("\n") ? "" : "\n") + "request_files: [extra.csv]\n")
            .write(toFile: workspace.scenarioFile, atomically: true, encoding: .utf8)
        let error = #expect(throws: IntakeError.self) { try workspace.loadReference() }
        #expect("\(error.map { "\($0)" } ?? "")".contains("scenario.yaml:\(line): request_files: a workspace's scenario.yaml may not name request_files"),
                "\(error.map { "\($0)" } ?? "")")
    }

    @Test func schemaIsVersionedAndANewerDatabaseIsRefused() throws {
        let workspace = try Fixture.workspace()
        let queue = try DatabaseQueue(path: workspace.databaseFile)
        let migrations = try queue.read { db in try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations") }
        #expect(migrations == ["v1"])
        #expect(try queue.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") } == "wal")
        try queue.write { db in try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99')") }
        try queue.close()
        let error = #expect(throws: IntakeError.self) { try workspace.log() }
        #expect("\(error.map { "\($0)" } ?? "")".contains("newer jointplan"))
        // An input error (exit 2), not a storage failure (exit 1): the user opened it with an older version.
        guard case .invalid? = error else {
            Issue.record("expected an input error, got \(String(describing: error))")
            return
        }
    }
}

@Suite("RequestSheets")
struct RequestSheetTests {
    @Test func renderedSheetsReadBackUnchanged() {
        var request = Request(id: "R1", title: "标题, \"引号\"", lead: "d01", partners: ["d02"], targets: ["shop"], regions: ["county"],
                              rounds: 2, minGapWeeks: 3, durationDays: 2, officers: [Entry("d01", 2), Entry("d02", 3)])
        request.window = DateRange(from: CivilDate(year: 2025, month: 3, day: 1)!, to: CivilDate(year: 2025, month: 9, day: 30)!)
        request.priority = .mandatory
        request.syncRegions = true
        request.note = "两行\n备注"
        let plain = Request(id: "R2", title: "t", lead: "d01", regions: ["county"], officers: [Entry("d01", 2)])
        let text = RequestSheets.render([request, plain])
        let merged = RequestSheets.merge([RequestSheetSource(display: "s.csv", text: text)], into: Scenario(name: "", year: 2025))
        #expect(merged.rows.first?.map(\.request) == [request, plain])
    }

    @Test func templateHasTheHeadersAndOnlyACommentRow() {
        for chinese in [true, false] {
            let text = RequestSheets.template(chinese: chinese, year: 2025)
            #expect(text.hasPrefix((chinese ? RequestSheets.chineseHeaders : RequestSheets.columnNames).joined(separator: ",") + "\r\n"))
            let merged = RequestSheets.merge([RequestSheetSource(display: "t.csv", text: text)], into: Scenario(name: "", year: 2025))
            #expect(merged.diagnostics.isEmpty && merged.rows == [[]])
        }
    }
}

/// Errors collected from concurrent work.
final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [String] = []
    func add(_ text: String) { lock.withLock { items.append(text) } }
    var all: [String] { lock.withLock { items } }
}
