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
        let markdown = ComparisonReport.markdown(comparison)
        #expect(markdown.contains("## Same week, other days (1)"))
        #expect(markdown.contains("- R03 round 1 in minqin: week 27, 2025-06-30, 2025-07-02, 2025-07-03 → 2025-07-02, 2025-07-03, 2025-07-04"),
                "\(markdown)")
        #expect(markdown.contains("| moved (each against its own reference) |"))
        #expect(PlanComparison(base: Fixture.plan, changed: Fixture.plan).redated.isEmpty)
    }
}
