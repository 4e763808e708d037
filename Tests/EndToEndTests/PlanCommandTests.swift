import Foundation
import Testing

/// `plan`, `check` and `export-model` through the real binary, the way the bureau uses them.
@Suite("plan, check, export-model (binary)", .serialized)
struct PlanCommandTests {
    static let root = CLIRunner.packageRoot

    static func temporaryFolder() -> String {
        let path = NSTemporaryDirectory() + "jointplan-e2e-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func plan(at folder: String) throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: folder + "/plan.json"))
        return try JSONSerialization.jsonObject(with: data) as! [String: Any]
    }

    static func solver(_ plan: [String: Any]) -> [String: Any] { plan["solver"] as! [String: Any] }
    static func kpis(_ plan: [String: Any]) -> [String: Any] { plan["kpis"] as! [String: Any] }

    /// The hand-checked optimum written in each small scenario's header.
    static let smallOptima: [(String, Double)] = [
        ("capacity", 1100), ("merge", 50), ("rounds", 150), ("sync", 260), ("holidays", 250), ("caps", 1250),
    ]

    @Test(arguments: smallOptima)
    func smallScenarioReachesItsHandCheckedOptimum(name: String, optimum: Double) throws {
        let out = Self.temporaryFolder()
        let scenario = "\(Self.root)/Scenarios/small/\(name).yaml"
        let result = try CLIRunner.run(["plan", scenario, "--out", out, "--quiet"])
        #expect(result.exitCode == 0, "\(result.stderr)")
        let plan = try Self.plan(at: out)
        #expect(Self.solver(plan)["status"] as? String == "optimal")
        #expect(Self.solver(plan)["objective"] as? Double == optimum)
        for file in ["plan.csv", "report.html", "summary.md"] {
            #expect(FileManager.default.fileExists(atPath: "\(out)/\(file)"), "\(file) missing")
        }
        let check = try CLIRunner.run(["check", scenario, out + "/plan.json"])
        #expect(check.exitCode == 0, "\(check.stdout)")
    }

    /// The decomposition (forced on these small cases) reaches the same optima and keeps every rule.
    @Test(arguments: smallOptima)
    func decompositionReachesTheSameOptimum(name: String, optimum: Double) throws {
        let out = Self.temporaryFolder()
        let scenario = "\(Self.root)/Scenarios/small/\(name).yaml"
        let result = try CLIRunner.run(["plan", scenario, "--out", out, "--quiet", "--strategy", "decompose"])
        #expect(result.exitCode == 0, "\(result.stderr)")
        let plan = try Self.plan(at: out)
        #expect(Self.solver(plan)["objective"] as? Double == optimum)
        let check = try CLIRunner.run(["check", scenario, out + "/plan.json"])
        #expect(check.exitCode == 0, "\(check.stdout)")
    }

    /// Published again into the same folder, a plan leaves no calendar of the earlier one behind: a
    /// department gone from the scenario must not keep a calendar of dropped actions. Other files stay.
    @Test func republishingRemovesCalendarsThePlanNoLongerHas() throws {
        let out = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: out) }
        try FileManager.default.createDirectory(atPath: out + "/calendar", withIntermediateDirectories: true)
        try Data("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//jointplan//jointplan-plan v1//ZH\r\nEND:VCALENDAR\r\n".utf8)
            .write(to: URL(fileURLWithPath: out + "/calendar/gone.ics"))
        // Someone else's calendar and other files stay.
        try Data("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Example//Personal//EN\r\nEND:VCALENDAR\r\n".utf8)
            .write(to: URL(fileURLWithPath: out + "/calendar/personal.ics"))
        try Data("mine".utf8).write(to: URL(fileURLWithPath: out + "/calendar/notes.txt"))
        let result = try CLIRunner.run(["plan", "\(Self.root)/Scenarios/small/capacity.yaml", "--out", out, "--quiet"])
        #expect(result.exitCode == 0, "\(result.stderr)")
        let names = try FileManager.default.contentsOfDirectory(atPath: out + "/calendar").sorted()
        #expect(!names.contains("gone.ics") && names.contains("notes.txt") && names.contains("personal.ics"), "\(names)")
        #expect(names.contains { $0.hasSuffix(".ics") }, "\(names)")
    }

    @Test func overcommittedYearWritesThePlanAndExitsThree() throws {
        let out = Self.temporaryFolder()
        let scenario = "\(Self.root)/Scenarios/infeasible-mandatory"
        let result = try CLIRunner.run(["plan", scenario, "--out", out])
        #expect(result.exitCode == 3)
        #expect(result.stdout.contains("mandatory sessions unscheduled"))
        let plan = try Self.plan(at: out)
        #expect(Self.kpis(plan)["mandatory_unscheduled"] as? Int == 2)
        let check = try CLIRunner.run(["check", scenario, out + "/plan.json"])
        #expect(check.exitCode == 3)
        #expect(check.stdout.contains("H1: mandatory session"))
        #expect(!check.stdout.contains("H3") && !check.stdout.contains("PLAN") && !check.stdout.contains("OBJ"))
    }

    @Test func wuweiPlanPlacesEveryMandatorySessionAndPassesCheck() throws {
        let out = Self.temporaryFolder()
        let scenario = "\(Self.root)/Scenarios/wuwei-2025"
        let result = try CLIRunner.run(["plan", scenario, "--out", out, "--time-limit", "20"])
        #expect(result.exitCode == 0, "\(result.stderr)")
        let plan = try Self.plan(at: out)
        #expect(Self.kpis(plan)["mandatory_unscheduled"] as? Int == 0)
        #expect(Self.kpis(plan)["sessions"] as? Int == 152)
        let check = try CLIRunner.run(["check", scenario, out + "/plan.json"])
        #expect(check.exitCode == 0, "\(check.stdout)")
        let calendars = try FileManager.default.contentsOfDirectory(atPath: out + "/calendar")
        #expect(calendars.count >= 14)
    }

    @Test(arguments: ["small/sync.yaml", "wuwei-2025"])
    func twoRunsGiveTheSamePlanApartFromSeconds(name: String) throws {
        let scenario = "\(Self.root)/Scenarios/\(name)"
        var texts: [String] = []
        for _ in 0..<2 {
            let out = Self.temporaryFolder()
            let result = try CLIRunner.run(["plan", scenario, "--out", out, "--quiet"])
            #expect(result.exitCode == 0)
            let text = try String(contentsOfFile: out + "/plan.json", encoding: .utf8)
            texts.append(text.replacingOccurrences(of: #""seconds" : [0-9.e-]+"#, with: "", options: .regularExpression))
        }
        #expect(texts[0] == texts[1])
    }

    @Test func checkRejectsAPlanForAnotherScenario() throws {
        let out = Self.temporaryFolder()
        _ = try CLIRunner.run(["plan", "\(Self.root)/Scenarios/small/merge.yaml", "--out", out, "--quiet"])
        let check = try CLIRunner.run(["check", "\(Self.root)/Scenarios/small/rounds.yaml", out + "/plan.json"])
        #expect(check.exitCode == 3)
        #expect(check.stdout.contains("DIGEST"))
    }

    @Test func badOptionsAreUsageErrors() throws {
        let scenario = "\(Self.root)/Scenarios/small/merge.yaml"
        for arguments in [["--time-limit", "0"], ["--time-limit", "nan"], ["--gap", "-1"], ["--freeze-until", "2025-01-01"]] {
            let out = Self.temporaryFolder() + "/out"
            let result = try CLIRunner.run(["plan", scenario, "--out", out] + arguments)
            #expect(result.exitCode == 2, "\(arguments): \(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: out), "\(arguments) wrote output")
        }
    }

    @Test func unreadablePlanIsInputError() throws {
        let folder = Self.temporaryFolder()
        try "{\"format\": \"something-else\"}".write(toFile: folder + "/plan.json", atomically: true, encoding: .utf8)
        let result = try CLIRunner.run(["check", "\(Self.root)/Scenarios/small/merge.yaml", folder + "/plan.json"])
        #expect(result.exitCode == 2)
        #expect(result.stderr.contains("plan.json"))
    }

    /// The exported model, solved by glpsol, has the planner's optimum (MPS keeps the objective constant).
    @Test(arguments: smallOptima)
    func exportedModelSolvedByGlpsolHasTheSameOptimum(name: String, optimum: Double) throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/glpsol") else {
            Issue.record("glpsol is not installed (Tools/setup.sh --test installs it)")
            return
        }
        let folder = Self.temporaryFolder()
        let scenario = "\(Self.root)/Scenarios/small/\(name).yaml"
        let export = try CLIRunner.run(["export-model", scenario, "--format", "mps", "--output", folder + "/model.mps"])
        #expect(export.exitCode == 0, "\(export.stderr)")
        let lp = try CLIRunner.run(["export-model", scenario, "--format", "lp", "--output", folder + "/model.lp"])
        #expect(lp.exitCode == 0)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/glpsol")
        process.arguments = ["--freemps", folder + "/model.mps", "--tmlim", "60", "-o", folder + "/solution.txt"]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let report = try String(contentsOfFile: folder + "/solution.txt", encoding: .utf8)
        let line = report.split(separator: "\n").first { $0.hasPrefix("Objective:") } ?? ""
        let value = line.split(separator: "=").last?.split(separator: " ").first.flatMap { Double($0) }
        #expect(report.contains("INTEGER OPTIMAL"), "\(report.prefix(400))")
        #expect(value.map { abs($0 - optimum) < 1e-6 } == true, "glpsol: \(line), planner: \(optimum)")
    }
}
