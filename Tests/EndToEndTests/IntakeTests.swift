import Foundation
import Testing

/// `template` and `intake …` through the real binary: a year's submissions from init to plan and export.
@Suite("template and intake (binary)", .serialized)
struct IntakeTests {
    static let root = CLIRunner.packageRoot
    static let wuwei = root + "/Scenarios/wuwei-2025"

    static func temporaryFolder() -> String {
        let path = NSTemporaryDirectory() + "jointplan-intake-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func json(_ path: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as! [String: Any]
    }

    static func run(_ arguments: [String], environment: [String: String]? = nil) throws -> CLIResult {
        let result = try CLIRunner.run(arguments, environment: environment)
        #expect(!result.signaled || environment != nil, "\(arguments) crashed: \(result.stderr)")
        return result
    }

    /// The bytes of every file of the database (main file, and WAL/SHM when present).
    static func databaseBytes(_ workspace: String) -> [String: Data] {
        var files: [String: Data] = [:]
        for suffix in ["", "-wal", "-shm"] {
            let path = workspace + "/intake.sqlite" + suffix
            if let data = FileManager.default.contents(atPath: path) { files[suffix] = data }
        }
        return files
    }

    /// Without --by and without USER and LOGNAME (cron, containers), the audit trail names the account.
    @Test func theActorIsTheAccountWhenTheEnvironmentNamesNobody() throws {
        let folder = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let workspace = folder + "/ws"
        let bare = ["PATH": "/usr/bin:/bin"]
        let result = try CLIRunner.run(["intake", "init", workspace, "--from", Self.wuwei], environment: bare)
        #expect(result.exitCode == 0, "\(result.stderr)")
        let account = try #require(getpwuid(getuid())?.pointee.pw_name.map { String(cString: $0) })
        let log = try CLIRunner.run(["intake", "log", workspace], environment: bare)
        #expect(log.stdout.contains("  \(account)  ") && !log.stdout.contains("unknown"), "\(log.stdout)")
    }

    @Test func aYearOfSubmissionsPlansFromExactlyTheCurrentVersionsAndExportsTheSamePlan() throws {
        let folder = Self.temporaryFolder()
        let workspace = folder + "/ws"
        var result = try Self.run(["intake", "init", workspace, "--from", Self.wuwei, "--by", "司法局"])
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(result.stdout.contains("17 bureau requests"))

        // Three departments: UTF-8 with BOM (English headers), GB18030 (Chinese headers), UTF-8 with 、.
        for department in ["scjg", "sthj", "yjgl"] {
            result = try Self.run(["intake", "submit", workspace, "--department", department,
                                   "\(Self.wuwei)/requests/\(department).csv", "--by", "\(department)-clerk"])
            #expect(result.exitCode == 0, "\(result.stderr)")
            #expect(result.stdout.contains("stored version 1"))
        }
        // Resubmitting an identical file is a no-op that says so.
        result = try Self.run(["intake", "submit", workspace, "--department", "scjg", "\(Self.wuwei)/requests/scjg.csv"])
        #expect(result.exitCode == 0 && result.stdout.contains("unchanged"), "\(result.stdout)")
        // A corrected sheet: C04 raised from normal to high priority.
        let original = try String(contentsOfFile: "\(Self.wuwei)/requests/scjg.csv", encoding: .utf8)
        let corrected = original.replacingOccurrences(of: "2025-04-01,2025-11-14,,,normal", with: "2025-04-01,2025-11-14,,,high")
        #expect(corrected != original)
        try corrected.write(toFile: folder + "/scjg-corrected.csv", atomically: true, encoding: .utf8)
        result = try Self.run(["intake", "submit", workspace, "--department", "scjg", folder + "/scjg-corrected.csv", "--note", "C04 优先级调整"])
        #expect(result.exitCode == 0 && result.stdout.contains("stored version 2"), "\(result.stderr)")
        result = try Self.run(["intake", "withdraw", workspace, "--department", "yjgl", "--request", "A04", "--reason", "与E02合并检查"])
        #expect(result.exitCode == 0, "\(result.stderr)")

        result = try Self.run(["intake", "list", workspace])
        #expect(result.stdout.contains("scjg") && result.stdout.contains("v2") && result.stdout.contains("3 of 20 departments"))
        result = try Self.run(["intake", "log", workspace, "--verify"])
        #expect(result.exitCode == 0 && result.stdout.contains("verify: ok"), "\(result.stdout)")
        #expect(result.stdout.components(separatedBy: "\n").filter { $0.contains("  submit  ") }.count == 4)

        // The plan is made from exactly the current versions.
        let planned = folder + "/plan-ws"
        result = try Self.run(["plan", workspace, "--out", planned, "--quiet"])
        #expect(result.exitCode == 0, "\(result.stderr)")
        var plan = try Self.json(planned + "/plan.json")
        let inputs = (plan["inputs"] as? [[String: Any]] ?? []).map { "\($0["department"]!) v\($0["version"]!)" }
        #expect(inputs == ["scjg v2", "sthj v1", "yjgl v2"])
        let requests = Set((plan["sessions"] as! [[String: Any]]).map { $0["request"] as! String }
                           + (plan["unscheduled"] as! [[String: Any]]).map { $0["request"] as! String })
        let expected = Set((1...17).map { String(format: "Y%02d", $0) } + (1...6).map { "C0\($0)" } + (1...6).map { "E0\($0)" }
                           + ["A01", "A02", "A03", "A05"])
        #expect(requests == expected)
        result = try Self.run(["check", workspace, planned + "/plan.json"])
        #expect(result.exitCode == 0, "\(result.stdout)")

        // A plain scenario folder from the current submissions plans the same.
        let exported = folder + "/export"
        result = try Self.run(["intake", "export", workspace, "--output", exported])
        #expect(result.exitCode == 0, "\(result.stderr)")
        let sheet = try String(contentsOfFile: exported + "/requests/scjg.csv", encoding: .utf8)
        #expect(sheet.components(separatedBy: "\n").contains { $0.hasPrefix("C04,") && $0.contains(",high,") })  // the corrected version
        #expect(!(try String(contentsOfFile: exported + "/requests/yjgl.csv", encoding: .utf8)).contains("A04,"))
        let replanned = folder + "/plan-export"
        result = try Self.run(["plan", exported, "--out", replanned, "--quiet"])
        #expect(result.exitCode == 0, "\(result.stderr)")
        var again = try Self.json(replanned + "/plan.json")
        #expect(again["inputs"] == nil)
        for index in [0, 1] {
            var document = index == 0 ? plan : again
            document["inputs"] = nil
            var solver = document["solver"] as! [String: Any]
            solver["seconds"] = nil
            document["solver"] = solver
            if index == 0 { plan = document } else { again = document }
        }
        #expect(NSDictionary(dictionary: plan).isEqual(to: again))
    }

    /// With overlays a workspace is planned from a temporary export; messages about a department's sheet
    /// name its stored version, as without overlays, not the temporary copy (which is deleted).
    @Test func overlayErrorsOnAWorkspaceNameTheStoredSheet() throws {
        let folder = Self.temporaryFolder()
        let workspace = folder + "/ws"
        _ = try Self.run(["intake", "init", workspace, "--from", Self.wuwei])
        _ = try Self.run(["intake", "submit", workspace, "--department", "scjg", "\(Self.wuwei)/requests/scjg.csv"])
        // C01 (row 2 of scjg's sheet) visits gas stations in minqin: none left there now.
        try "format: jointplan-overlay/v1\nname: t\npatch:\n  targets:\n    - {id: gas-station, count: {minqin: 0}}\n"
            .write(toFile: folder + "/ov.yaml", atomically: true, encoding: .utf8)
        let result = try Self.run(["plan", workspace, "--overlay", folder + "/ov.yaml", "--out", folder + "/o", "--quiet"])
        #expect(result.exitCode == 2, "\(result.stderr)")
        #expect(result.stderr.contains("\(workspace)/intake.sqlite (scjg v1):2: column targets: target 'gas-station' has no enterprises in region 'minqin'"),
                "\(result.stderr)")
        #expect(!result.stderr.contains("jointplan-workspace-") || result.stderr.contains("lines above refer to that copy"),
                "\(result.stderr)")
    }

    /// A run that goes on (warnings only) names the workspace, not the temporary export it deletes.
    @Test func overlayWarningsOnAWorkspaceNameTheWorkspace() throws {
        let folder = Self.temporaryFolder()
        let workspace = folder + "/ws"
        _ = try Self.run(["intake", "init", workspace, "--from", CLIRunner.packageRoot + "/Scenarios/small/holidays.yaml"])
        try "format: jointplan-overlay/v1\nname: t\nscale: {staff: {all: 1.0}}\n"
            .write(toFile: folder + "/noop.yaml", atomically: true, encoding: .utf8)
        let result = try Self.run(["plan", workspace, "--overlay", folder + "/noop.yaml", "--out", folder + "/o", "--quiet"])
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(result.stderr.contains("warning"), "\(result.stderr)")
        #expect(!result.stderr.contains("jointplan-workspace-"), "\(result.stderr)")
    }

    @Test func rejectedSubmissionsLeaveTheDatabaseByteForByteUnchanged() throws {
        let folder = Self.temporaryFolder()
        let workspace = folder + "/ws"
        _ = try Self.run(["intake", "init", workspace, "--from", Self.wuwei])
        _ = try Self.run(["intake", "submit", workspace, "--department", "yjgl", "\(Self.wuwei)/requests/yjgl.csv"])
        let yjgl = try String(contentsOfFile: "\(Self.wuwei)/requests/yjgl.csv", encoding: .utf8)
        let bad: [(name: String, text: String, expected: String)] = [
            ("lead.csv", yjgl, "lead.csv:2: column lead: the lead is 'yjgl', but this sheet is submitted by 'scjg'"),
            ("region.csv", yjgl.replacingOccurrences(of: "A01,加油站安全生产联合检查,yjgl", with: "A91,加油站安全生产联合检查,scjg")
                .replacingOccurrences(of: "liangzhou、minqin、gulang、tianzhu,1,0,2,yjgl:2、xfjy:2、scjg:2", with: "mars,1,0,2,yjgl:2、xfjy:2、scjg:2"),
             "region.csv:2: column regions: region 'mars' is not defined"),
            ("date.csv", "id,title,lead,regions,duration_days,officers,window_from\nS1,t,scjg,liangzhou,2,scjg:2,2025-13-40\n",
             "date.csv:2: column window_from: '2025-13-40' is not a valid date"),
            ("columns.csv", "id,title,lead\nS1,t,scjg\n", "columns.csv:1: missing required column 'regions'"),
            ("binary.csv", "id\u{0}\u{1}", "binary.csv:1: binary file"),
        ]
        for sheet in bad {
            try sheet.text.write(toFile: folder + "/" + sheet.name, atomically: true, encoding: .utf8)
            let before = Self.databaseBytes(workspace)
            let result = try Self.run(["intake", "submit", workspace, "--department", "scjg", folder + "/" + sheet.name])
            #expect(result.exitCode == 2, "\(sheet.name): \(result.stderr)")
            #expect(result.stderr.contains(folder + "/" + sheet.expected), "\(sheet.name): \(result.stderr)")
            #expect(result.stderr.contains("nothing was stored"))
            #expect(Self.databaseBytes(workspace) == before, "\(sheet.name) changed the database")
        }
        let result = try Self.run(["intake", "submit", workspace, "--department", "nope", folder + "/date.csv"])
        #expect(result.exitCode == 2 && result.stderr.contains("department 'nope' is not defined"))
    }

    @Test func aCrashInTheMiddleOfASubmissionLeavesThePreviousVersionCurrent() throws {
        let folder = Self.temporaryFolder()
        let workspace = folder + "/ws"
        _ = try Self.run(["intake", "init", workspace, "--from", Self.wuwei])
        _ = try Self.run(["intake", "submit", workspace, "--department", "yjgl", "\(Self.wuwei)/requests/yjgl.csv"])
        _ = try Self.run(["intake", "withdraw", workspace, "--department", "yjgl", "--request", "A05", "--reason", "春节前已完成"])
        var environment = ProcessInfo.processInfo.environment
        environment["JOINTPLAN_INTAKE_CRASH_BEFORE_COMMIT"] = "1"
        var result = try Self.run(["intake", "submit", workspace, "--department", "yjgl", "\(Self.wuwei)/requests/yjgl.csv"],
                                  environment: environment)
        #expect(result.signaled)
        result = try Self.run(["intake", "show", workspace, "--department", "yjgl"])
        #expect(result.stdout.hasPrefix("yjgl version 2 (current)"), "\(result.stdout)")
        result = try Self.run(["intake", "log", workspace, "--verify"])
        #expect(result.exitCode == 0 && result.stdout.contains("verify: ok"), "\(result.stdout)")
        result = try Self.run(["intake", "submit", workspace, "--department", "yjgl", "\(Self.wuwei)/requests/yjgl.csv"])
        #expect(result.stdout.contains("stored version 3"), "\(result.stderr)")
    }

    @Test func twentyParallelSubmissionsAreAllAccountedFor() throws {
        let folder = Self.temporaryFolder()
        let workspace = folder + "/ws"
        _ = try Self.run(["intake", "init", workspace, "--from", Self.wuwei])
        // Ten departments, two different sheets each, all sent at once. Each request only needs the lead's
        // city pool, which covers 凉州区.
        let departments = ["scjg", "sthj", "yjgl", "whsc", "jtys", "nync", "cgzf", "wsjk", "zrzy", "zjj"]
        var jobs: [(department: String, file: String)] = []
        for (index, department) in departments.enumerated() {
            for copy in 1...2 {
                let file = "\(folder)/\(department)-\(copy).csv"
                let text = "id,title,lead,regions,duration_days,officers\nP\(index)-\(copy),并发提交 \(copy),\(department),liangzhou,1,\(department):2\n"
                try text.write(toFile: file, atomically: true, encoding: .utf8)
                jobs.append((department, file))
            }
        }
        guard let binary = CLIRunner.binary() else { Issue.record("jointplan binary not found"); return }
        let processes = try jobs.enumerated().map { index, job in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: binary)
            process.arguments = ["intake", "submit", workspace, "--department", job.department, job.file, "--by", "p\(index)"]
            _ = FileManager.default.createFile(atPath: "\(folder)/out-\(index).txt", contents: nil)
            process.standardOutput = FileHandle(forWritingAtPath: "\(folder)/out-\(index).txt")
            process.standardError = process.standardOutput
            try process.run()
            return process
        }
        for process in processes { process.waitUntilExit() }
        var stored = 0
        for (index, process) in processes.enumerated() {
            let output = (try? String(contentsOfFile: "\(folder)/out-\(index).txt", encoding: .utf8)) ?? ""
            #expect(process.terminationReason == .exit, "process \(index) crashed: \(output)")
            if process.terminationStatus == 0 {
                #expect(output.contains("stored version"), "\(output)")
                stored += 1
            } else {
                #expect(process.terminationStatus == 1 && output.contains("busy"), "process \(index): \(output)")
            }
        }
        let log = try Self.run(["intake", "log", workspace, "--verify"])
        #expect(log.exitCode == 0 && log.stdout.contains("verify: ok: integrity_check ok"), "\(log.stdout)")
        let lines = log.stdout.components(separatedBy: "\n")
        #expect(lines.filter { $0.contains("  submit  ") }.count == stored)
        for index in processes.indices where processes[index].terminationStatus == 0 {
            #expect(lines.contains { $0.contains("  p\(index)  submit  ") }, "p\(index) missing from the log")
        }
        #expect(stored == 20)  // with a 30 s busy timeout no writer should have to give up here
    }

    @Test func templateOpensInSpreadsheetsAndIsNotASubmissionByItself() throws {
        let folder = Self.temporaryFolder()
        var result = try Self.run(["template", "requests", "--output", folder + "/zh.csv"])
        #expect(result.exitCode == 0, "\(result.stderr)")
        let zh = try #require(FileManager.default.contents(atPath: folder + "/zh.csv"))
        #expect(zh.starts(with: [0xEF, 0xBB, 0xBF]))
        let text = String(decoding: zh.dropFirst(3), as: UTF8.self)
        #expect(text.hasPrefix("编号,事项名称,牵头部门,配合部门,执法对象,执法区域,轮次,间隔周数,天数,人员,开始日期,截止日期,优先开始,优先截止,优先级,区域同步,备注\r\n"))
        #expect(text.components(separatedBy: "\r\n").dropFirst().first?.hasPrefix("#") == true)
        result = try Self.run(["template", "requests", "--lang", "en", "--output", folder + "/en.csv"])
        let en = String(decoding: try #require(FileManager.default.contents(atPath: folder + "/en.csv")).dropFirst(3), as: UTF8.self)
        #expect(en.hasPrefix("id,title,lead,partners,targets,regions,rounds,min_gap_weeks,duration_days,officers,window_from,window_to,"))
        result = try Self.run(["template", "forms", "--output", folder + "/x.csv"])
        #expect(result.exitCode == 2)

        let workspace = folder + "/ws"
        _ = try Self.run(["intake", "init", workspace, "--from", Self.wuwei])
        result = try Self.run(["intake", "submit", workspace, "--department", "scjg", folder + "/zh.csv"])
        #expect(result.exitCode == 2 && result.stderr.contains("no request rows"), "\(result.stderr)")
        // The template for the plan year (`--year 2025`), filled in (the example row un-commented), is
        // accepted, and `validate` reads the workspace with it.
        result = try Self.run(["template", "requests", "--year", "2025", "--output", folder + "/zh2025.csv"])
        let text2025 = String(decoding: try #require(FileManager.default.contents(atPath: folder + "/zh2025.csv")).dropFirst(3), as: UTF8.self)
        #expect(text2025.contains(",2025-03-01,2025-11-30,"), "\(text2025)")
        let filled = text2025.replacingOccurrences(of: "#R01", with: "T01")
        try ("\u{FEFF}" + filled).write(toFile: folder + "/filled.csv", atomically: true, encoding: .utf8)
        result = try Self.run(["intake", "submit", workspace, "--department", "scjg", folder + "/filled.csv"])
        #expect(result.exitCode == 0 && result.stdout.contains("stored version 1"), "\(result.stderr)")
        result = try Self.run(["validate", workspace])
        #expect(result.exitCode == 0 && result.stdout.contains("18 requests"), "\(result.stdout)\(result.stderr)")
    }
}
