import JointPlanCore
import PlanChecker
import Testing

@Suite("H6 visits: revisit gap, yearly cap, per-department cap")
struct VisitRuleTests {
    @Test func revisitTooSoonBreaksH6() {
        var scenario = Fixtures.plain
        scenario.targets[0].minRevisitWeeks = 5
        let report = PlanChecker.check(scenario: scenario, plan: Fixtures.plainPlan)
        #expect(report.ruleSet == [.h6], "\(report.lines)")
        #expect(report.lines == [
            "H6: shop in east visited in weeks 10 and 14 (min revisit 5 weeks)",
            "H6: shop in west visited in weeks 11 and 15 (min revisit 5 weeks)",
        ])
    }

    @Test func policyRevisitAppliesWithoutTargetOverride() {
        var scenario = Fixtures.plain
        scenario.policy.minRevisitWeeks = 6
        scenario.targets[0].minRevisitWeeks = nil
        let report = PlanChecker.check(scenario: scenario, plan: Fixtures.plainPlan)
        #expect(report.ruleSet == [.h6], "\(report.lines)")
        #expect(report.violations.count == 2)
    }

    @Test func yearlyCapBreaksH6() {
        var scenario = Fixtures.plain
        scenario.targets[0].maxVisitsPerYear = 1
        let report = PlanChecker.check(scenario: scenario, plan: Fixtures.plainPlan)
        #expect(report.ruleSet == [.h6], "\(report.lines)")
        #expect(report.lines == [
            "H6: shop in east visited in 2 weeks (10, 14), max 1 per year",
            "H6: shop in west visited in 2 weeks (11, 15), max 1 per year",
        ])
    }

    @Test func mergedSessionsCountAsOneVisit() {
        // R1 and R2 both inspect shops in east in week 10: one visit, so a cap of 2 per year holds.
        var scenario = Fixtures.plain
        scenario.targets[0].maxVisitsPerYear = 2
        let report = PlanChecker.check(scenario: scenario, plan: Fixtures.plainPlan)
        #expect(report.violations == [])
    }

    @Test func perDepartmentCapCountsLeadAndPartners() {
        var scenario = Fixtures.plain
        scenario.policy.maxVisitsPerDepartment = 1
        let report = PlanChecker.check(scenario: scenario, plan: Fixtures.plainPlan)
        #expect(report.ruleSet == [.h6], "\(report.lines)")
        #expect(report.lines == [
            "H6: shop in east visited by a in 2 weeks (10, 14), max 1 per department",
            "H6: shop in east visited by b in 2 weeks (10, 14), max 1 per department",
            "H6: shop in west visited by a in 2 weeks (11, 15), max 1 per department",
            "H6: shop in west visited by b in 2 weeks (11, 15), max 1 per department",
        ])
    }

    @Test func targetCapOverridesPolicy() {
        var scenario = Fixtures.plain
        scenario.policy.maxVisitsPerDepartment = 1
        scenario.targets[0].maxVisitsPerDepartment = 2
        let report = PlanChecker.check(scenario: scenario, plan: Fixtures.plainPlan)
        #expect(report.violations == [])
    }
}
