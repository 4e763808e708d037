import Foundation
import JointPlanCore
import Testing
@testable import JointPlanPublish

@Suite struct SummaryMarkdownTests {
    @Test func matchesGoldenFile() throws {
        try expectGolden(Fixture.files()["summary.md"], "summary.md")
    }

    /// User text cannot turn into Markdown: tables, code, emphasis, and GFM's `~~` strike-through.
    @Test func userTextIsEscaped() {
        #expect(SummaryMarkdown.escape("a|b ~~c~~ `d` *e*") == "a\\|b \\~\\~c\\~\\~ \\`d\\` \\*e\\*")
    }

    /// A re-plan's memo tells the departments what changed against the published plan.
    @Test func aRePlanListsItsChanges() throws {
        var plan = Fixture.plan
        plan.replan = ReplanRecord(
            freezeUntil: "2025-04-01", pinned: 1,
            moved: [.init(request: "R01", round: 1, region: "liangzhou", fromWeek: 12, toWeek: 15)],
            dropped: [.init(request: "R09", round: 2, region: "minqin", week: 30)],
            added: [SessionKey(request: "R03", round: 1, region: "minqin")], conflicts: [])
        let text = String(decoding: try #require(Fixture.files(plan)["summary.md"]), as: UTF8.self)
        #expect(text.contains("## 与已发布计划相比的变动"), "\(text)")
        #expect(text.contains("冻结日期2025-04-01：此前开始的1项行动保持原安排"), "\(text)")
        #expect(text.contains("### 调整时间（1）") && text.contains("第1轮：第12周 → 第15周，2025年4月7日—9日"), "\(text)")
        #expect(text.contains("### 不再安排（已发布）（1）") && text.contains("**R09**") && text.contains("原第30周"), "\(text)")
        #expect(text.contains("### 新增安排（1）"), "\(text)")
        #expect(!String(decoding: try #require(Fixture.files()["summary.md"]), as: UTF8.self).contains("与已发布计划相比"))
    }

    @Test func englishLabelsMidSentenceAreLowercase() throws {
        let text = String(decoding: try #require(Fixture.files(lang: .en)["summary.md"]), as: UTF8.self)
        #expect(text.contains(", priority: "), "\(text)")
        #expect(!text.contains(", Priority: "), "\(text)")
    }

    @Test func englishListsKPIsAndReasons() throws {
        let text = String(decoding: try #require(Fixture.files(lang: .en)["summary.md"]), as: UTF8.self)
        #expect(text.contains("| Mandatory unscheduled | 0 |"))
        #expect(text.contains("| Enterprise visits (merged) / if unmerged | 6 / 7 |"))
        #expect(text.contains("## Unscheduled sessions (1)"))
        #expect(text.contains("   - week 33: 应急管理局 pool minqin short by 6 officer-days"))
    }
}
