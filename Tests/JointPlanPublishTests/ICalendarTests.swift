import Foundation
import JointPlanCore
import Testing
@testable import JointPlanPublish

@Suite struct ICalendarTests {
    func calendars(_ plan: PlanDocument = Fixture.plan) -> [String: Data] {
        Fixture.files(plan).filter { $0.key.hasPrefix("calendar/") }
    }

    /// The unfolded content lines of a calendar.
    func contentLines(_ data: Data) -> [String] {
        String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\r\n ", with: "")
            .components(separatedBy: "\r\n").filter { !$0.isEmpty }
    }

    func values(_ name: String, in data: Data) -> [String] {
        contentLines(data).filter { $0.hasPrefix(name + ":") || $0.hasPrefix(name + ";") }
            .map { String($0[$0.index(after: $0.firstIndex(of: ":")!)...]) }
    }

    @Test func matchesGoldenFile() throws {
        try expectGolden(calendars()["calendar/scjg.ics"], "scjg.ics")
    }

    @Test func oneCalendarPerDepartmentEmptyWithoutSessions() throws {
        #expect(Set(calendars().keys) == ["calendar/scjg.ics", "calendar/yjgl.ics", "calendar/sthj.ics"])
        var onlyR03 = Fixture.plan
        onlyR03.sessions = onlyR03.sessions.filter { $0.request == "R03" }
        let some = calendars(onlyR03)
        #expect(Set(some.keys) == ["calendar/scjg.ics", "calendar/sthj.ics", "calendar/yjgl.ics"])
        #expect(values("UID", in: try #require(some["calendar/scjg.ics"])).isEmpty)
        // Still one component, as RFC 5545 asks: the time zone.
        #expect(contentLines(try #require(some["calendar/scjg.ics"])).contains("BEGIN:VTIMEZONE"))
        #expect(!contentLines(try #require(some["calendar/sthj.ics"])).contains("BEGIN:VTIMEZONE"))
        #expect(!values("UID", in: try #require(some["calendar/sthj.ics"])).isEmpty)
    }

    @Test func linesAreCRLFAtMost75OctetsAndNeverSplitACharacter() throws {
        for (path, data) in calendars() {
            let bytes = Array(data)
            #expect(bytes.suffix(2) == [13, 10], "\(path) ends without CRLF")
            var lines: [[UInt8]] = []
            var current: [UInt8] = []
            for (index, byte) in bytes.enumerated() {
                if byte == 10 {
                    #expect(index > 0 && bytes[index - 1] == 13, "\(path): bare LF at byte \(index)")
                    lines.append(current); current = []
                } else if byte == 13 {
                    #expect(index + 1 < bytes.count && bytes[index + 1] == 10, "\(path): bare CR at byte \(index)")
                } else {
                    current.append(byte)
                }
            }
            #expect(lines.contains { $0.first == 32 }, "\(path): expected at least one folded line")
            for line in lines {
                #expect(line.count <= 75, "\(path): line of \(line.count) octets")
                #expect(String(validating: line, as: UTF8.self) != nil,
                        "\(path): a line splits a UTF-8 character")
            }
            #expect(String(decoding: data, as: UTF8.self).hasPrefix("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"))
        }
    }

    @Test func eventsPerDayRangeWithExclusiveEnd() throws {
        let yjgl = try #require(calendars()["calendar/yjgl.ics"])
        #expect(values("DTSTART", in: yjgl) == ["20250331", "20250407", "20250408", "20250630", "20250702", "20250811"])
        #expect(values("DTEND", in: yjgl) == ["20250404", "20250410", "20250411", "20250701", "20250704", "20250814"])
        #expect(contentLines(yjgl).contains("DTSTART;VALUE=DATE:20250331"))
        #expect(values("DTSTAMP", in: yjgl).allSatisfy { $0 == "20250401T083000Z" })
        let summaries = values("SUMMARY", in: yjgl)
        #expect(summaries.first == "危险化学品经营企业专项检查（凉州区）")
        #expect(summaries[3] == "加油站油气回收\"双随机\"检查\\, 含储油库（民勤县）")
    }

    @Test func textIsEscaped() {
        #expect(ICalendar.escape("a\\b;c,d\ne") == "a\\\\b\\;c\\,d\\ne")
        #expect(ICalendar.escape("a\tb\u{7}c") == "a\tbc")  // a tab is TEXT, a bell is not
        let scjg = calendars()["calendar/scjg.ics"]!
        #expect(contentLines(scjg).contains { $0.contains("依据《成品油市场管理办法》\\; 第二轮\\, 复查整改情况") })
    }

    @Test func foldingKeepsCharactersWhole() {
        let line = "SUMMARY:" + String(repeating: "联合执法", count: 30) + "x"
        let folded = ICalendar.fold(line)
        let pieces = folded.components(separatedBy: "\r\n")
        #expect(pieces.count > 1)
        #expect(pieces.allSatisfy { $0.utf8.count <= 75 })
        #expect(pieces.dropFirst().allSatisfy { $0.hasPrefix(" ") })
        #expect(folded.replacingOccurrences(of: "\r\n ", with: "") == line)
        // Escape pairs stay on one line.
        let escaped = "DESCRIPTION:" + ICalendar.escape(String(repeating: "a,b;c\n", count: 40))
        for piece in ICalendar.fold(escaped).components(separatedBy: "\r\n") {
            let trailing = piece.reversed().prefix { $0 == "\\" }.count
            #expect(trailing % 2 == 0, "a line ends inside an escape: \(piece)")
            #expect(piece.utf8.count <= 75)
        }
    }

    @Test func uidsAreStableWhenASessionMovesWeek() throws {
        var moved = Fixture.plan
        let index = try #require(moved.sessions.firstIndex { $0.request == "R01" && $0.round == 1 && $0.region == "liangzhou" })
        moved.sessions[index].week = 20
        moved.sessions[index].days = ["2025-05-12", "2025-05-13", "2025-05-14"]
        let before = try #require(calendars()["calendar/scjg.ics"])
        let after = try #require(calendars(moved)["calendar/scjg.ics"])
        #expect(Set(values("UID", in: before)) == Set(values("UID", in: after)))
        #expect(values("UID", in: before).contains { $0 == "R01~1~liangzhou~1~2025~\(ICalendar.planningArea(Fixture.scenario))@jointplan" },
                "\(values("UID", in: before))")
        #expect(values("DTSTART", in: after).contains("20250512"))
        let uids = values("UID", in: before)
        #expect(Set(uids).count == uids.count, "UIDs are unique within a calendar")
    }

    @Test func dtstampIsUTC() {
        #expect(ICalendar.dateTimeStamp(Date(timeIntervalSince1970: 0)) == "19700101T000000Z")
        #expect(ICalendar.dateTimeStamp(Fixture.stamp) == "20250401T083000Z")
    }

    /// A revised plan usually gets a new title ("（年中调整版）"): its events must still replace the old ones.
    @Test func uidsSurviveARenamedScenario() throws {
        var renamed = Fixture.scenario
        renamed.name += "（年中调整版）"
        let before = try #require(calendars()["calendar/scjg.ics"])
        let after = try #require(Publisher.files(plan: Fixture.plan, scenario: renamed,
                                                 options: PublishOptions(lang: .zh, generatedAt: Fixture.stamp))
            .first { $0.relativePath == "calendar/scjg.ics" }?.data)
        #expect(values("UID", in: before) == values("UID", in: after))
    }

    /// Ids may hold `-`: request `A-1` in region `b` and request `A` in region `1-b` once shared a UID.
    @Test func hyphenatedIdsNeverShareAUID() throws {
        var plan = Fixture.plan
        plan.sessions = [Fixture.session("A-1", 1, "b", week: 15, days: ["2025-04-07"], officers: ["scjg": 2]),
                         Fixture.session("A", 1, "1-b", week: 15, days: ["2025-04-07"], officers: ["scjg": 2])]
        let uids = values("UID", in: try #require(calendars(plan)["calendar/scjg.ics"]))
        #expect(uids.count == 2 && Set(uids).count == 2, "\(uids)")
    }
}
