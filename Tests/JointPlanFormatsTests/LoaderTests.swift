import Foundation
import JointPlanCore
@testable import JointPlanFormats
import Testing

let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().path
let basicFixture = testsDirectory + "/Fixtures/basic"

@Suite("ScenarioLoader")
struct LoaderTests {
    @Test func loadsYAMLAndEveryCSVEncoding() throws {
        let loaded = try ScenarioLoader.load(path: basicFixture)
        let s = loaded.scenario
        #expect(s.name == "测试市2025年度联合执法计划" && s.year == 2025)
        #expect(s.calendar.holidays.map(\.description) == ["2025-07-01", "2025-08-11..2025-08-12"])
        #expect(s.policy.maxVisitsPerYear == 4 && s.policy.minRevisitWeeks == 4 && s.policy.maxVisitsPerDepartment == nil)
        #expect(s.regions.map(\.id) == ["wuwei", "liangzhou", "minqin"])
        #expect(s.regions[2].closed.first?.reason == "沙尘暴预警")
        #expect(s.departments[1].share == 0.3)                        // default
        #expect(s.departments[0].unavailable.first?.training == true)
        #expect(s.objective.unscheduledHigh == 5000 && s.objective.unscheduledLow == 100 && s.objective.balanceThreshold == 0.7)
        #expect(s.requests.map(\.id) == ["R01", "R02", "R03", "R04"])   // YAML, then CSV files in sorted order

        let r02 = s.requests[1]  // English headers, UTF-8
        #expect(r02.regions == ["liangzhou", "minqin"] && r02.priority == .mandatory && r02.syncRegions)
        #expect(r02.note == "note, with comma" && r02.minGapWeeks == 0 && r02.officers == [Entry("scjg", 3), Entry("yjgl", 2)])
        let r03 = s.requests[2]  // Chinese headers, BOM, 、 and fullwidth colon
        #expect(r03.regions == ["liangzhou", "minqin"] && r03.priority == .high && !r03.syncRegions)
        #expect(r03.officers == [Entry("sthj", 2), Entry("scjg", 2)] && r03.preferred?.description == "2025-05-01..2025-06-30")
        let r04 = s.requests[3]  // GB18030
        #expect(r04.title == "餐饮\"双随机\"检查" && r04.priority == .low && r04.syncRegions && r04.note == "多行")
        #expect(r04.window == nil && r04.durationDays == 5)

        #expect(loaded.warnings.map(\.description) == [
            basicFixture + "/scenario.yaml:21: warning: departments[0].unavailable: listed training is 20 hours per officer per year, below the required 60",
        ])
        #expect(loaded.files.count == 4)
    }

    @Test func gb18030FixtureIsNotUTF8() throws {
        let bytes = try Data(contentsOf: URL(fileURLWithPath: basicFixture + "/requests/c-gb18030.csv"))
        #expect(String(data: bytes, encoding: .utf8) == nil)
    }

    @Test func singleYAMLFileAndMissingPath() throws {
        let loaded = try ScenarioLoader.load(path: basicFixture + "/scenario.yaml")
        #expect(loaded.scenario.requests.count == 4)
        #expect(throws: DiagnosticList([Diagnostic(file: "/no/such/scenario", message: "no such file or directory")])) {
            try ScenarioLoader.load(path: "/no/such/scenario")
        }
    }

    @Test func refusesHugeFiles() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("jointplan-huge-\(UUID().uuidString).yaml").path
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.truncate(atOffset: UInt64(TextFile.maximumBytes + 1))
        try handle.close()
        do {
            _ = try ScenarioLoader.load(path: path)
            Issue.record("a huge file was accepted")
        } catch {
            #expect(error.diagnostics.first?.message.hasPrefix("file is too large") == true)
        }
    }

    @Test func collectsEveryError() throws {
        let text = """
            format: jointplan/v1
            name: x
            year: 2025
            regions:
              - {id: a, name: A, parent: zz}
              - {id: b, name: B, colour: red}
            departments:
              - {id: d, name: D, staff: {a: -1}, share: lots}
            """
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("jointplan-\(UUID().uuidString).yaml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        do {
            _ = try ScenarioLoader.load(path: path)
            Issue.record("accepted")
        } catch {
            let lines = error.diagnostics.map { $0.description.replacingOccurrences(of: path, with: "s.yaml") }
            #expect(lines.sorted() == [
                "s.yaml:5: regions[0].parent: region 'zz' is not defined",
                "s.yaml:6: regions[1].colour: unknown key 'colour'",
                "s.yaml:8: departments[0].share: expected a number, found 'lots'",
                "s.yaml:8: departments[0].staff.a: must be a non-negative number (found -1)",
            ])
        }
    }
}

@Suite("CSV reader")
struct CSVReaderTests {
    @Test func rfc4180() {
        let (records, problems) = CSVReader.parse("a,b,c\r\n\"x, y\",\"multi\nline\",\"say \"\"hi\"\"\"\n\n1,,3")
        #expect(problems.isEmpty)
        #expect(records == [CSVReader.Record(line: 1, fields: ["a", "b", "c"]),
                            CSVReader.Record(line: 2, fields: ["x, y", "multi\nline", "say \"hi\""]),
                            CSVReader.Record(line: 5, fields: ["1", "", "3"])])
    }

    /// Rows of empty cells, as Excel and WPS keep them at the end of a sheet, are skipped like blank lines.
    @Test func rowsOfEmptyCellsAreBlank() {
        let (records, problems) = CSVReader.parse("a,b,c\r\n1,2,3\r\n,,\r\n , \u{3000},\r\n\"\",,\r\n")
        #expect(problems.isEmpty)
        #expect(records == [CSVReader.Record(line: 1, fields: ["a", "b", "c"]),
                            CSVReader.Record(line: 2, fields: ["1", "2", "3"])])
    }

    /// "CSV (Macintosh)" from old Excel ends lines with a lone CR.
    @Test func aLoneCarriageReturnEndsALine() {
        let (records, problems) = CSVReader.parse("a,b\r1,2\r3,\"x\ry\"\r")
        #expect(problems.isEmpty)
        #expect(records.map(\.fields) == [["a", "b"], ["1", "2"], ["3", "x\ry"]])
        #expect(records.map(\.line) == [1, 2, 3])
        // A lone CR inside a quoted cell is a line too: the next record starts a line later.
        #expect(CSVReader.parse("a\r\"x\ry\"\rb\r").records.map(\.line) == [1, 2, 4])
    }

    /// Blanks copied from web pages and Word are invisible in a sheet and in a message: trimmed like spaces.
    @Test func invisibleBlanksAreTrimmed() {
        #expect("\u{00A0}W01\u{00A0}".trimmedCell == "W01")
        #expect("gaj\u{200B}".trimmedCell == "gaj")
        #expect("\u{3000}市场\u{00A0}监管\u{3000}".trimmedCell == "市场\u{00A0}监管")
    }

    @Test func problemsHaveLines() {
        let (_, problems) = CSVReader.parse("a,b\n\"open,b\nc,d\n")
        #expect(problems == [CSVReader.Problem(line: 2, message: "a quoted field is not closed")])
        let (records, after) = CSVReader.parse("a,b\n\"x\"y,b\nc,d\n")
        #expect(after == [CSVReader.Problem(line: 2, message: "text after a closing quote")])
        #expect(records.map(\.line) == [1, 3])
    }
}
