import JointPlanCore
import PlanChecker
import Testing

@Suite("H1 sessions placed at most once; mandatory sessions placed")
struct SessionRuleTests {
    @Test func duplicateSessionBreaksH1() {
        var plan = Fixtures.plainPlan
        plan.sessions.insert(plan.sessions[plan.index("R2", 1, "east")], at: 2)
        let report = PlanChecker.check(scenario: Fixtures.plain, plan: plan)
        #expect(report.ruleSet == [.h1], "\(report.lines)")
        #expect(report.lines == ["H1: session R2 round 1 in east is placed 2 times (weeks 10, 10)"])
    }

    @Test func unscheduledMandatorySessionBreaksH1() {
        // R2 (mandatory) is dropped: the shop visit of week 10 is R1's alone, b uses 4 officer-days in week 10.
        var plan = Fixtures.plainPlan
        plan.sessions.remove(at: plan.index("R2", 1, "east"))
        plan.unscheduled.insert(UnscheduledSession(request: "R2", round: 1, region: "east", priority: "mandatory",
                                                   reasons: ["test"]), at: 0)
        plan.visits[plan.visitIndex("shop", "east", 10)].requests = ["R1"]
        plan.load[plan.loadIndex("b", "city", 10)].used = 4
        plan.kpis.scheduled = 6
        plan.kpis.mandatoryUnscheduled = 1
        plan.kpis.visitsIfUnmerged = 6
        plan.kpis.peakUtilisation["b"] = 4.0 / 25
        plan.state(objective: 1_000_645.6)
        let report = PlanChecker.check(scenario: Fixtures.plain, plan: plan)
        #expect(report.ruleSet == [.h1], "\(report.lines)")
        #expect(report.lines == ["H1: mandatory session R2 round 1 in east is unscheduled"])
    }
}

@Suite("H2 days, open working days, window")
struct DaysRuleTests {
    @Test func daysMustSkipTheRegionClosure() {
        var plan = Fixtures.plainPlan
        plan.sessions[plan.index("R1", 1, "west")].days = ["2025-03-10", "2025-03-11"]
        let report = PlanChecker.check(scenario: Fixtures.plain, plan: plan)
        #expect(report.ruleSet == [.h2], "\(report.lines)")
        #expect(report.lines == ["H2: session R1 round 1 in west: days 2025-03-10, 2025-03-11 are not the first 2 open working days of week 11 in west (2025-03-11, 2025-03-12)"])
    }

    @Test func daysMustSkipTheOfficialHoliday() {
        var plan = Fixtures.cnPlan
        plan.sessions[plan.index("Q2", 1, "r")].days = ["2025-05-05", "2025-05-06", "2025-05-07"]
        let report = PlanChecker.check(scenario: Fixtures.cn(), plan: plan)
        #expect(report.ruleSet == [.h2], "\(report.lines)")
    }

    @Test func weekOneHasOnlyTwoWorkingDaysOfThePlanYear() {
        // Week 1 of 2025 runs 2024-12-30 … 2025-01-05: two days of 2024, the 1 January holiday, a weekend.
        var scenario = Fixtures.cn()
        scenario.requests[0].durationDays = 3
        var plan = Fixtures.cnPlan
        plan.load[plan.loadIndex("x", "r", 1)].used = 6
        plan.kpis.peakUtilisation["x"] = 6.0 / 20
        let report = PlanChecker.check(scenario: scenario, plan: plan)
        #expect(report.ruleSet == [.h2], "\(report.lines)")
        #expect(report.lines == ["H2: session Q1 round 1 in r: week 1 has 2 open working days in r, needs 3"])
    }

    @Test func weekWithTooFewWorkingDays() {
        // Week 5 (27 Jan – 2 Feb) has one working day before the Spring Festival; Q3 needs 4.
        var plan = Fixtures.cnPlan
        let q3 = plan.index("Q3", 1, "r")
        plan.sessions[q3].week = 5
        plan.sessions[q3].days = ["2025-01-27"]
        plan.load[plan.loadIndex("x", "r", 6)] = LoadRecord(department: "x", pool: "r", week: 5, used: 8, capacity: 10)
        plan.kpis.overloadOfficerDays["x"] = 2
        plan.kpis.peakUtilisation["x"] = 0.8
        plan.state(objective: 60)
        let report = PlanChecker.check(scenario: Fixtures.cn(), plan: plan)
        #expect(report.ruleSet == [.h2], "\(report.lines)")
    }

    @Test func weekOutsideThePlanYear() {
        var plan = Fixtures.cnPlan
        let q2 = plan.index("Q2", 1, "r")
        plan.sessions[q2].week = 54
        plan.sessions[q2].days = []
        plan.sessions.append(plan.sessions.remove(at: q2))
        plan.load.remove(at: plan.loadIndex("x", "r", 19))
        let report = PlanChecker.check(scenario: Fixtures.cn(), plan: plan)
        #expect(report.ruleSet == [.h2], "\(report.lines)")
        #expect(report.lines == ["H2: session Q2 round 1 in r: week 54 is not a plan week (1…53)"])
    }

    @Test func daysMustLieInsideTheWindow() {
        var scenario = Fixtures.plain
        scenario.requests[1].window = Fixtures.range("2025-03-04", "2025-03-31")
        let report = PlanChecker.check(scenario: scenario, plan: Fixtures.plainPlan)
        #expect(report.ruleSet == [.h2], "\(report.lines)")
        #expect(report.lines == ["H2: session R2 round 1 in east: days 2025-03-03 lie outside the window 2025-03-04..2025-03-31"])
    }
}
