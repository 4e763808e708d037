import Foundation
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
