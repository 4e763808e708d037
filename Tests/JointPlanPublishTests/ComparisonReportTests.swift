import Foundation
import JointPlanCore
import Testing
@testable import JointPlanPublish

@Suite struct ComparisonReportTests {
    /// A new holiday can move a session to other days of the same week: not a move, but the departments
    /// need the new dates, so the comparison lists it.
    @Test func sameWeekOnOtherDaysIsListed() throws {
        var changed = Fixture.plan
        let index = try #require(changed.sessions.firstIndex { $0.request == "R03" })
        changed.sessions[index].days = ["2025-07-02", "2025-07-03", "2025-07-04"]
        let comparison = PlanComparison(base: Fixture.plan, changed: changed)
        #expect(comparison.moved.isEmpty)
        #expect(comparison.redated.map(\.request) == ["R03"])
        #expect(comparison.redated.first?.fromDays == ["2025-06-30", "2025-07-02", "2025-07-03"])
        let markdown = ComparisonReport.markdown(comparison, language: .en)
        #expect(markdown.contains("## Same week, other days (1)"))
        #expect(markdown.contains("- R03 round 1 in minqin: week 27, 2025-06-30, 2025-07-02, 2025-07-03 → 2025-07-02, 2025-07-03, 2025-07-04"),
                "\(markdown)")
        #expect(markdown.contains("| moved (each against its own reference) |"))
        #expect(PlanComparison(base: Fixture.plan, changed: Fixture.plan).redated.isEmpty)
    }

    /// comparison.md is published text: Chinese by default like summary.md, with the scenario's titles
    /// and region and department names where they are known (whatif), ids where not (compare).
    @Test func theMemoIsChineseByDefaultAndNamesWhatItCan() throws {
        var changed = Fixture.plan
        let index = try #require(changed.sessions.firstIndex { $0.request == "R03" })
        changed.sessions[index].week += 2
        let department = try #require(changed.kpis.peakUtilisation.keys.sorted().first)
        changed.kpis.peakUtilisation[department]! += 0.1
        let comparison = PlanComparison(base: Fixture.plan, changed: changed)
        let plain = ComparisonReport.markdown(comparison)
        #expect(plain.hasPrefix("# 方案对比\n"))
        #expect(plain.contains("## 调整时间 (1)"), "\(plain)")
        #expect(plain.contains("- R03（minqin，第1轮）：第\(changed.sessions[index].week - 2)周 → 第\(changed.sessions[index].week)周"),
                "\(plain)")
        #expect(plain.contains("| 调整周次（各自相对其参考计划） |"))
        #expect(plain.contains("## 新增安排 (0)\n\n无。"))
        #expect(plain.contains("个百分点 |"))
        #expect(!plain.contains("Sessions") && !plain.contains("| objective |"))

        let named = ComparisonReport.markdown(comparison, names: .init(scenarios: [Fixture.scenario]))
        let title = try #require(Fixture.scenario.requests.first { $0.id == "R03" }?.title)
        let region = try #require(Fixture.scenario.regions.first { $0.id == "minqin" }?.name)
        let departmentName = try #require(Fixture.scenario.departments.first { $0.id == department }?.name)
        #expect(named.contains("- R03 \(title)（\(region)，第1轮）："), "\(named)")
        #expect(named.contains("| \(departmentName) |"), "\(named)")
        #expect(ComparisonReport.markdown(comparison, language: .en).contains("## Sessions moved (1)"))
    }
}
