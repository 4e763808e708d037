import Foundation
import Testing

/// Hostile and mistaken input through the real binary (DESIGN §9): no crash, exit 2 naming the file and
/// the field, nothing written. Each case here crashed, hung, exited 1 or wrote where it should not before
/// it was fixed. Only the small scenarios are planned, so the suite stays within a few seconds.
@Suite("Robustness: hostile input (binary)", .serialized)
struct RobustnessTests {
    static let root = CLIRunner.packageRoot
    static let small = root + "/Scenarios/small/capacity.yaml"

    static func temporaryFolder() -> String {
        let path = NSTemporaryDirectory() + "jointplan-robust-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func write(_ text: String, to path: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    static func contents(of folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
    }

    /// An overlay file (§8) in `folder` with `body` after the header.
    static func overlay(_ body: String, in folder: String, name: String = "overlay.yaml") throws -> String {
        let path = folder + "/" + name
        try write("format: jointplan-overlay/v1\nname: robustness\n" + body, to: path)
        return path
    }

    /// The small scenario's plan (from `plan` itself), with `edit` applied to its JSON object.
    static func editedPlan(in folder: String, name: String, _ edit: (inout [String: Any]) -> Void) throws -> String {
        let result = try CLIRunner.run(["plan", small, "--quiet"])
        #expect(result.exitCode == 0, "\(result.stderr)")
        var object = try #require(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        edit(&object)
        let path = folder + "/" + name
        try JSONSerialization.data(withJSONObject: object).write(to: URL(fileURLWithPath: path))
        return path
    }

    static func editFirstSession(_ key: String, _ value: Any) -> (inout [String: Any]) -> Void {
        { object in
            var sessions = object["sessions"] as! [[String: Any]]
            sessions[0][key] = value
            object["sessions"] = sessions
        }
    }

    static func expectInputError(_ result: CLIResult, mentions: [String], _ comment: String) {
        #expect(!result.signaled, "\(comment): died by a signal\n\(result.stderr)")
        #expect(result.exitCode == 2, "\(comment): exit \(result.exitCode)\n\(result.stderr)")
        for text in mentions {
            #expect(result.stderr.contains(text), "\(comment): stderr lacks '\(text)'\n\(result.stderr)")
        }
    }

    // MARK: Plans that steer planning

    @Test func referencePlanWithWeeksOutsideTheYearIsInputError() throws {
        let folder = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // These crashed `plan --reference` with an index out of range in the model builder.
        for week in [-5, 0, 54, 1_000_000_000_000_000] {
            let reference = try Self.editedPlan(in: folder, name: "week\(week).json", Self.editFirstSession("week", week))
            let out = folder + "/out"
            let result = try CLIRunner.run(["plan", Self.small, "--reference", reference, "--freeze-until", "2025-12-31",
                                            "--out", out, "--quiet"])
            Self.expectInputError(result, mentions: ["week\(week).json: sessions[0].week: week \(week) is not a week of 2025 (1–53)"],
                                  "reference week \(week)")
            #expect(!FileManager.default.fileExists(atPath: out), "week \(week): something was written")
        }
    }

    /// A freeze date outside the plan's year is allowed but warned about, with what it means.
    @Test func aFreezeDateOutsideTheYearIsWarnedAbout() throws {
        let folder = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let reference = try Self.editedPlan(in: folder, name: "reference.json") { _ in }
        for (date, effect) in [("2026-01-05", "every session of the reference plan is pinned"),
                               ("2024-12-30", "no session of the reference plan is pinned")] {
            let result = try CLIRunner.run(["plan", Self.small, "--reference", reference, "--freeze-until", date, "--quiet"])
            #expect(result.exitCode == 0, "\(result.stderr)")
            #expect(result.stderr.contains("warning: --freeze-until \(date) is outside 2025: \(effect)"), "\(result.stderr)")
        }
        let inside = try CLIRunner.run(["plan", Self.small, "--reference", reference, "--freeze-until", "2025-06-30", "--quiet"])
        #expect(!inside.stderr.contains("--freeze-until"), "\(inside.stderr)")
    }

    /// One-character file names ("s", "m", "a") trapped in Foundation's deletingLastPathComponent on Linux.
    @Test func oneCharacterPathsWork() throws {
        let folder = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.copyItem(atPath: Self.small, toPath: folder + "/s")
        for arguments in [["validate", "s"], ["export-model", "s", "--format", "lp", "--output", "m"],
                          ["plan", "s", "--out", "o", "--quiet"],
                          ["intake", "init", "a", "--from", Self.root + "/Scenarios/wuwei-2025"]] {
            let result = try CLIRunner.run(arguments, cwd: folder)
            #expect(!result.signaled && result.exitCode == 0, "\(arguments): exit \(result.exitCode)\n\(result.stderr)")
        }
        #expect(FileManager.default.fileExists(atPath: folder + "/m"))
        #expect(FileManager.default.fileExists(atPath: folder + "/o/plan.json"))
        #expect(FileManager.default.fileExists(atPath: folder + "/a/intake.sqlite"))
    }

    /// A reference that shares no session with the scenario was made for another one: refused, not one
    /// "no such session" warning per session and exit 0. One shared session is enough to use it.
    @Test func aReferenceOfAnotherScenarioIsRefused() throws {
        let folder = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let renamed = { (keep: Int) in
            { (object: inout [String: Any]) in
                var sessions = object["sessions"] as! [[String: Any]]
                for index in sessions.indices.dropFirst(keep) { sessions[index]["request"] = "ZZ\(index)" }
                object["sessions"] = sessions
            }
        }
        let other = try Self.editedPlan(in: folder, name: "other.json", renamed(0))
        let result = try CLIRunner.run(["plan", Self.small, "--reference", other, "--freeze-until", "2025-06-30",
                                        "--out", folder + "/out", "--quiet"])
        Self.expectInputError(result, mentions: ["other.json: sessions: none of the plan's", "plan without --reference"],
                              "reference of another scenario")
        #expect(!FileManager.default.fileExists(atPath: folder + "/out"), "something was written")
        let mostlyOther = try Self.editedPlan(in: folder, name: "mostly.json", renamed(1))
        let kept = try CLIRunner.run(["plan", Self.small, "--reference", mostlyOther, "--freeze-until", "2025-06-30", "--quiet"])
        #expect(kept.exitCode == 0, "\(kept.stderr)")
        #expect(kept.stderr.contains("the changed scenario has no such session"), "\(kept.stderr)")
    }

    @Test func referencePlanWithBadDaysOrTwiceListedSessionIsInputError() throws {
        let folder = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let cases: [(String, (inout [String: Any]) -> Void, String)] = [
            ("notadate.json", Self.editFirstSession("days", ["2025-02-30"]), "sessions[0].days[0]: '2025-02-30' is not a date"),
            ("otherweek.json", Self.editFirstSession("days", ["2025-04-07"]), "sessions[0].days[0]: 2025-04-07 is not a day of week 11"),
            // Once silently not pinned.
            ("nodays.json", Self.editFirstSession("days", [String]()), "sessions[0].days: a placed session needs its days (found none)"),
            ("twice.json", { object in
                var sessions = object["sessions"] as! [[String: Any]]
                sessions.append(sessions[0])
                object["sessions"] = sessions
            }, "is listed more than once"),
        ]
        for (name, edit, message) in cases {
            let reference = try Self.editedPlan(in: folder, name: name, edit)
            let result = try CLIRunner.run(["plan", Self.small, "--reference", reference, "--freeze-until", "2025-12-31", "--quiet"])
            Self.expectInputError(result, mentions: [name, message], name)
            #expect(result.stdout.isEmpty, "\(name): a plan was printed")
        }
    }

    /// The runner's own guard: a run past its timeout is killed and reported, not waited for; and a
    /// killed `plan` leaves nothing half-written (its outputs are renamed into place at the end).
    @Test func runnerKillsAnOverrunningCommand() throws {
        let out = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let result = try CLIRunner.run(["plan", Self.root + "/Scenarios/wuwei-2025", "--out", out, "--quiet"], timeout: 1)
        #expect(result.signaled, "exit \(result.exitCode)")
        #expect(result.stderr.contains("[CLIRunner: killed after 1.0 s"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out + "/plan.json"))
    }

    /// Without --reference the move term cannot be re-derived: `check` says it took the plan's count.
    @Test func checkWithoutReferenceSaysWhereTheMovesCameFrom() throws {
        let folder = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let plan = try Self.editedPlan(in: folder, name: "moved.json") { object in
            var kpis = object["kpis"] as! [String: Any]
            kpis["moved"] = 1
            object["kpis"] = kpis
            var solver = object["solver"] as! [String: Any]
            solver["objective"] = (solver["objective"] as! Double) + 500
            solver["bound"] = (solver["bound"] as! Double) + 500
            object["solver"] = solver
        }
        let result = try CLIRunner.run(["check", Self.small, plan])
        #expect(result.exitCode == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("its move term from the plan's kpis.moved = 1"), "\(result.stdout)")
        let unmoved = try CLIRunner.run(["check", Self.small, try Self.editedPlan(in: folder, name: "plain.json") { _ in }])
        #expect(unmoved.exitCode == 0 && !unmoved.stdout.contains("kpis.moved"), "\(unmoved.stdout)")
    }

    @Test func recommendAndWhatifRefuseAPlanWithAWeekOutsideTheYear() throws {
        let folder = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let plan = try Self.editedPlan(in: folder, name: "bad.json", Self.editFirstSession("week", -5))
        let recommend = try CLIRunner.run(["recommend", Self.small, plan, "--request", "R2", "--time-limit", "2"])
        Self.expectInputError(recommend, mentions: ["bad.json: sessions[0].week: week -5"], "recommend")
        let overlay = try Self.overlay("scale: {staff: {scjg: 0.9}}\n", in: folder)
        let whatif = try CLIRunner.run(["whatif", Self.small, "--overlay", overlay, "--base-plan", plan, "--quiet"])
        Self.expectInputError(whatif, mentions: ["bad.json: sessions[0].week: week -5"], "whatif --base-plan")
    }

    /// `recommend` places a request into the plan of this scenario, not into another's (as `explain`).
    @Test func recommendRefusesAPlanOfAnotherScenario() throws {
        let folder = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let plan = try Self.editedPlan(in: folder, name: "other.json") { object in
            var scenario = object["scenario"] as! [String: Any]
            scenario["digest"] = String(repeating: "0", count: 64)
            object["scenario"] = scenario
        }
        let result = try CLIRunner.run(["recommend", Self.small, plan, "--request", "R2", "--time-limit", "2"])
        Self.expectInputError(result, mentions: ["other.json: scenario.digest: the plan was made for scenario digest 0000"],
                              "recommend")
    }

    /// `explain` and `compare` refuse plans whose sessions cannot be, as `recommend` and `whatif` do.
    @Test func explainAndCompareRefuseImpossibleSessions() throws {
        let folder = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let badDay = try Self.editedPlan(in: folder, name: "day.json", Self.editFirstSession("days", ["2025-13-01"]))
        Self.expectInputError(try CLIRunner.run(["explain", Self.small, badDay]),
                              mentions: ["day.json: sessions[0].days[0]: '2025-13-01' is not a date"], "explain")
        let twice = try Self.editedPlan(in: folder, name: "twice.json") { object in
            let sessions = object["sessions"] as! [[String: Any]]
            object["sessions"] = sessions + [sessions[0]]
        }
        let good = try Self.editedPlan(in: folder, name: "good.json") { _ in }
        Self.expectInputError(try CLIRunner.run(["compare", good, twice]), mentions: ["twice.json: sessions[", "is listed more than once"],
                              "compare")
        let farWeek = try Self.editedPlan(in: folder, name: "far.json", Self.editFirstSession("week", 99_999_999_999))
        Self.expectInputError(try CLIRunner.run(["compare", farWeek, good]),
                              mentions: ["far.json: sessions[0].week: week 99999999999 is not a week of 2025 (1–53)"], "compare")
        #expect(try CLIRunner.run(["compare", good, good]).exitCode == 0)
    }

    /// Asked about a request the plan already holds, `recommend` says where it is before the options.
    @Test func recommendSaysWhereAPlacedRequestIsNow() throws {
        let folder = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var first: [String: Any] = [:]
        let plan = try Self.editedPlan(in: folder, name: "plan.json") { object in
            first = (object["sessions"] as! [[String: Any]])[0]
        }
        let request = try #require(first["request"] as? String)
        let week = try #require(first["week"] as? Int)
        let result = try CLIRunner.run(["recommend", Self.small, plan, "--request", request, "--time-limit", "2"])
        #expect([0, 3].contains(result.exitCode), "\(result.stderr)")
        #expect(result.stdout.contains("\(request) is already in the current plan (city r1 w\(week))"), "\(result.stdout)")
    }

    // MARK: Plan files

    @Test func malformedPlanFilesNameTheLineOrTheProblem() throws {
        let folder = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Self.write("{\n  \"format\": \"jointplan-plan/v1\",\n  \"sessions\": [\n", to: folder + "/truncated.json")
        try Self.write("", to: folder + "/empty.json")
        let fraction = try Self.editedPlan(in: folder, name: "fraction.json", Self.editFirstSession("week", 11.5))
        let cases: [(String, [String])] = [
            (folder + "/truncated.json", ["truncated.json:4: invalid JSON at column 1: the text ends too early"]),
            (folder + "/empty.json", ["empty.json:1: invalid JSON", "empty"]),
            (fraction, ["fraction.json: invalid plan: a number does not fit its field"]),
            (folder, ["cannot read the plan file: is a directory"]),
            (folder + "/missing.json", ["missing.json: cannot read the plan file: no such file or directory"]),
        ]
        for (path, mentions) in cases {
            Self.expectInputError(try CLIRunner.run(["check", Self.small, path]), mentions: mentions, "check \(path)")
        }
        // A huge file (a sparse one: no disk used) is refused by its size, not read into memory.
        let huge = folder + "/huge.json"
        _ = FileManager.default.createFile(atPath: huge, contents: nil)
        let handle = try #require(FileHandle(forWritingAtPath: huge))
        try handle.truncate(atOffset: 70 * 1024 * 1024)
        try handle.close()
        Self.expectInputError(try CLIRunner.run(["compare", huge, huge]), mentions: ["huge.json: file is too large for a plan"], "compare huge")
    }

    @Test func hugeObjectiveInAPlanFileIsPrintedNotTrapped() throws {
        let folder = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let plan = try Self.editedPlan(in: folder, name: "big.json") { object in
            var solver = object["solver"] as! [String: Any]
            solver["objective"] = 1e300
            object["solver"] = solver
        }
        let result = try CLIRunner.run(["recommend", Self.small, plan, "--request", "R2", "--time-limit", "2", "--options", "1"])
        #expect(!result.signaled, "\(result.stderr)")
        #expect([0, 3].contains(result.exitCode), "exit \(result.exitCode)\n\(result.stderr)")
        #expect(result.stdout.contains("objective 1e+300"), "\(result.stdout)")
    }

    // MARK: Extreme numbers in scenarios and overlays

    @Test func outOfRangeNumbersAreInputErrors() throws {
        let folder = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let cases: [(String, String)] = [
            // Overflowed officers × days (a trap), 4 million sessions (a hang), a non-finite objective constant
            // (GLPK refused it: exit 1).
            ("patch:\n  requests:\n    - {id: R1, officers: {scjg: 9223372036854775807, yjgl: 2}}\n",
             "patch.requests[0].officers.scjg: must be at most 1000000000 officers per day"),
            ("patch:\n  requests:\n    - {id: R1, rounds: 1000000}\n",
             "patch.requests[0].rounds: the scenario would have 1000002 sessions (1000000 rounds × 1 regions here); the limit is 50000"),
            ("patch:\n  objective: {unscheduled: {high: 1e308}}\n", "objective.unscheduled.high: must be at most 1000000000"),
            // A weekly capacity that overflowed to infinity was written as 0 into the plan's loads.
            ("patch:\n  departments:\n    - {id: scjg, staff: {city: 1e308}}\n",
             "patch.departments[0].staff.city: must be at most 1000000000 officers"),
        ]
        for (index, (body, message)) in cases.enumerated() {
            let overlay = try Self.overlay(body, in: folder, name: "case\(index).yaml")
            let out = folder + "/out\(index)"
            let result = try CLIRunner.run(["plan", Self.small, "--overlay", overlay, "--out", out, "--quiet"])
            Self.expectInputError(result, mentions: ["case\(index).yaml:", message], "case \(index)")
            #expect(!FileManager.default.fileExists(atPath: out))
        }
    }

    @Test func extremeButValidNumbersArePlanned() throws {
        let folder = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // Staff × 10^300 put the report's utilisation below the first heatmap bucket (index −1, a trap); staff
        // above 10^9 is now an input error, and × 10^7 (up to 1.1 × 10^8 officers) still puts it below 10^-7.
        // min_revisit_weeks 10^12 made 10^12 revisit rows (a hang).
        let cases = ["scale: {staff: {all: 1e7}}\n", "patch:\n  policy: {min_revisit_weeks: 1000000000000}\n"]
        for (index, body) in cases.enumerated() {
            let overlay = try Self.overlay(body, in: folder, name: "case\(index).yaml")
            let out = folder + "/out\(index)"
            let result = try CLIRunner.run(["plan", Self.small, "--overlay", overlay, "--out", out, "--quiet", "--time-limit", "10"])
            #expect(!result.signaled, "case \(index): \(result.stderr)")
            #expect([0, 3].contains(result.exitCode), "case \(index): exit \(result.exitCode)\n\(result.stderr)")
            let check = try CLIRunner.run(["check", Self.small, "--overlay", overlay, out + "/plan.json"])
            #expect(!check.stdout.contains("H2") && !check.stdout.contains("H3") && !check.stdout.contains("H6"),
                    "case \(index): \(check.stdout)")
            #expect(FileManager.default.fileExists(atPath: out + "/report.html"))
        }
    }

    // MARK: Output paths

    @Test func unwritableOutputsAreUsageErrorsAndWriteNothing() throws {
        let folder = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = folder + "/regular"
        try Self.write("keep\n", to: file)
        let cases: [[String]] = [
            ["plan", Self.small, "--out", file, "--quiet"],
            ["plan", Self.small, "--out", file + "/below", "--quiet"],
            ["export-model", Self.small, "--format", "lp", "--output", folder],
            ["template", "requests", "--output", file + "/t.csv"],
        ]
        for arguments in cases {
            let result = try CLIRunner.run(arguments)
            Self.expectInputError(result, mentions: ["nothing was written"], arguments.joined(separator: " "))
            #expect(!result.stderr.contains("internal error"))
        }
        #expect(try String(contentsOfFile: file, encoding: .utf8) == "keep\n")
        #expect(Self.contents(of: folder) == ["regular"], "stray files: \(Self.contents(of: folder))")
    }

    @Test func emptyOutputPathIsAUsageError() throws {
        // `--out ""` wrote plan.json, report.html, … at the root of the file system.
        for arguments in [["plan", Self.small, "--out", "", "--quiet"], ["export-model", Self.small, "--format", "lp", "--output", ""]] {
            let result = try CLIRunner.run(arguments, cwd: NSTemporaryDirectory())
            Self.expectInputError(result, mentions: ["needs a path, got an empty one"], arguments.joined(separator: " "))
        }
    }

    @Test func checkRefusesAFreezeDateThatIsNotADateOrHasNoReference() throws {
        let folder = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let plan = try Self.editedPlan(in: folder, name: "plan.json") { _ in }
        let bad = try CLIRunner.run(["check", Self.small, plan, "--reference", plan, "--freeze-until", "2025-13-40"])
        Self.expectInputError(bad, mentions: ["--freeze-until: '2025-13-40' is not a date"], "bad date")
        let alone = try CLIRunner.run(["check", Self.small, plan, "--freeze-until", "2025-03-01"])
        Self.expectInputError(alone, mentions: ["--freeze-until needs --reference"], "no reference")
    }

    // MARK: Intake

    @Test func brokenIntakeDatabasesAreInputErrors() throws {
        let folder = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let workspace = folder + "/ws"
        let initResult = try CLIRunner.run(["intake", "init", workspace, "--from", Self.small])
        #expect(initResult.exitCode == 0, "\(initResult.stderr)")
        let database = workspace + "/intake.sqlite"
        let good = try Data(contentsOf: URL(fileURLWithPath: database))
        let damaged: [(String, Data, String)] = [
            ("garbage", Data((0..<8192).map { UInt8(truncatingIfNeeded: $0 &* 7919 &+ 13) }), "not a readable intake database"),
            ("truncated", good.prefix(3000), "not a readable intake database"),
            ("emptied", Data(), "the database file is empty"),
        ]
        for (label, bytes, message) in damaged {
            for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: database + suffix) }
            try bytes.write(to: URL(fileURLWithPath: database))
            for arguments in [["intake", "list", workspace], ["intake", "log", workspace, "--verify"], ["validate", workspace]] {
                let result = try CLIRunner.run(arguments)
                Self.expectInputError(result, mentions: ["intake.sqlite: \(message)"], "\(label): \(arguments.joined(separator: " "))")
            }
            // Nothing was made of it: the emptied file stays empty rather than becoming a fresh database.
            #expect(try Data(contentsOf: URL(fileURLWithPath: database)) == bytes, "\(label): the database was changed")
        }
    }

    @Test func exportIntoAWorkspaceIsRefused() throws {
        let folder = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let workspace = folder + "/ws"
        _ = try CLIRunner.run(["intake", "init", workspace, "--from", Self.small])
        let before = try Data(contentsOf: URL(fileURLWithPath: workspace + "/scenario.yaml"))
        let result = try CLIRunner.run(["intake", "export", workspace, "--output", workspace])
        Self.expectInputError(result, mentions: ["is an intake workspace; export to a folder of its own"], "export onto itself")
        #expect(try Data(contentsOf: URL(fileURLWithPath: workspace + "/scenario.yaml")) == before)
        #expect(try CLIRunner.run(["intake", "list", workspace]).exitCode == 0)
    }

    @Test func initUnderARegularFileSaysWhy() throws {
        let folder = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Self.write("x", to: folder + "/file")
        let result = try CLIRunner.run(["intake", "init", folder + "/file/ws", "--from", Self.small])
        Self.expectInputError(result, mentions: ["file/ws: cannot create the workspace folder: Not a directory"], "init under a file")
        #expect(Self.contents(of: folder) == ["file"])
    }
}
