import JointPlanCore
import PlanChecker
import Testing

@Suite("H3 capacity and load records")
struct CapacityRuleTests {
    @Test func overloadedWeekBreaksH3() {
        // 2 officers × share 0.5 = 1 officer-day per working day; week 1 has two (2 and 3 January).
        let scenario = Fixtures.cn(staff: 2)
        var plan = Fixtures.cnPlan
        plan.sessions = [plan.sessions[plan.index("Q1", 1, "r")]]
        plan.unscheduled = [
            UnscheduledSession(request: "Q2", round: 1, region: "r", priority: "normal", reasons: []),
            UnscheduledSession(request: "Q3", round: 1, region: "r", priority: "normal", reasons: []),
        ]
        plan.load = [LoadRecord(department: "x", pool: "r", week: 1, used: 4, capacity: 2)]
        plan.kpis.scheduled = 1
        plan.kpis.overloadOfficerDays = ["x": 2.8]  // 4 − 0.6 × 2
        plan.kpis.peakUtilisation = ["x": 2]
        plan.state(objective: 2 * 1000 + 50 + 5 * 2.8)
        let report = PlanChecker.check(scenario: scenario, plan: plan)
        #expect(report.ruleSet == [.h3], "\(report.lines)")
        #expect(report.lines == ["H3: week 1: x pool r uses 4 officer-days, capacity 2"])
    }

    @Test func overlappingUnavailabilityIsCappedAtOne() {
        // Uncapped, Wednesday 14 May would count 2 × (1 − 1.2) = −0.4 and the week 2.0 instead of 2.4.
        var plan = Fixtures.plainPlan
        plan.load[plan.loadIndex("a", "east", 20)].capacity = 2.0
        let report = PlanChecker.check(scenario: Fixtures.plain, plan: plan)
        #expect(report.ruleSet == [.plan], "\(report.lines)")
        #expect(report.lines == ["PLAN: load record a pool east week 20: capacity 2, recomputed 2.4 officer-days"])
    }

    @Test func closureDoesNotReduceCapacity() {
        // west is closed on 10 March, but the city pool still has five working days in week 11.
        let report = PlanChecker.check(scenario: Fixtures.plain, plan: Fixtures.plainPlan)
        #expect(report.violations == [])
        #expect(Fixtures.plainPlan.load[Fixtures.plainPlan.loadIndex("a", "city", 11)].capacity == 10)
    }

    @Test func missingAndWrongLoadRecordsArePlanErrors() {
        var plan = Fixtures.plainPlan
        plan.load.remove(at: plan.loadIndex("b", "city", 15))
        plan.load[plan.loadIndex("b", "city", 10)].used = 4
        let report = PlanChecker.check(scenario: Fixtures.plain, plan: plan)
        #expect(report.ruleSet == [.plan], "\(report.lines)")
        #expect(report.lines == [
            "PLAN: load record b pool city week 10: used 4, recomputed 6 officer-days",
            "PLAN: no load record for b pool city week 15, which uses 4 officer-days",
        ])
    }
}
