import JointPlanCore
import Testing
@testable import JointPlanPublish

@Suite struct DateTextTests {
    func text(_ days: [String], _ lang: Language) -> String {
        DateText.format(DateText.ranges(days.map { CivilDate(iso: $0)! }), lang: lang)
    }

    @Test func chineseOfficialStyle() {
        #expect(text(["2025-04-07"], .zh) == "2025年4月7日")
        #expect(text(["2025-04-07", "2025-04-08", "2025-04-09"], .zh) == "2025年4月7日—9日")
        #expect(text(["2025-04-29", "2025-04-30", "2025-05-01", "2025-05-02", "2025-05-03", "2025-05-04",
                      "2025-05-05", "2025-05-06"], .zh) == "2025年4月29日—5月6日")
        #expect(text(["2025-04-03", "2025-04-07", "2025-04-08"], .zh) == "2025年4月3日、7日—8日")
        #expect(text(["2025-04-30", "2025-05-06"], .zh) == "2025年4月30日、5月6日")
    }

    @Test func english() {
        #expect(text(["2025-04-07"], .en) == "7 Apr 2025")
        #expect(text(["2025-04-07", "2025-04-08", "2025-04-09"], .en) == "7–9 Apr 2025")
        #expect(text(["2025-04-29", "2025-04-30", "2025-05-01"], .en) == "29 Apr – 1 May 2025")
        #expect(text(["2025-04-03", "2025-04-07", "2025-04-08"], .en) == "3, 7–8 Apr 2025")
        #expect(text(["2025-04-30", "2025-05-06"], .en) == "30 Apr, 6 May 2025")
    }

    @Test func unorderedAndDuplicateDaysAreNormalised() {
        #expect(text(["2025-04-09", "2025-04-07", "2025-04-08", "2025-04-08"], .zh) == "2025年4月7日—9日")
    }
}
