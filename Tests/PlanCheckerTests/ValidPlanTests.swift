import JointPlanCore
import PlanChecker
import Testing

@Suite("Correct plans pass")
struct ValidPlanTests {
    @Test func plainCalendarPlanHasNoViolations() {
        let report = PlanChecker.check(scenario: Fixtures.plain, plan: Fixtures.plainPlan)
        #expect(report.violations == [], "\(report.lines)")
        #expect(abs(report.recomputedObjective - 645.6) < 1e-9)
    }

    @Test func officialCalendarPlanHasNoViolations() {
        let report = PlanChecker.check(scenario: Fixtures.cn(), plan: Fixtures.cnPlan)
        #expect(report.violations == [], "\(report.lines)")
        #expect(report.recomputedObjective == 50)
    }

    @Test func violationsAreSortedByRule() {
        var plan = Fixtures.plainPlan
        plan.state(objective: 1)
        plan.scenario.year = 2024
        plan.sessions.append(plan.sessions[plan.index("R2", 1, "east")])
        plan.sessions[plan.index("R1", 1, "west")].days = ["2025-03-10", "2025-03-11"]
        let report = PlanChecker.check(scenario: Fixtures.plain, plan: plan)
        #expect(report.violations.map(\.rule) == [.h1, .h2, .plan, .plan, .objective], "\(report.lines)")
        #expect(report.rules == [.h1, .h2, .plan, .objective])
    }

    @Test func unknownPresetYearIsReportedNotCrashed() {
        var scenario = Fixtures.cn()
        scenario.year = 2030
        let report = PlanChecker.check(scenario: scenario, plan: Fixtures.cnPlan)
        #expect(report.ruleSet == [.plan])
        #expect(report.violations.count == 1)
    }
}
