import JointPlanCore
import PlanChecker
import Testing

@Suite("H4 rounds and H5 synchronised regions")
struct RoundRuleTests {
    @Test func roundsTooCloseBreakH4() {
        // R1 round 2 in east moves from week 14 to 13: only 3 weeks after round 1 (gap 4). The shop revisit
        // rule is relaxed to 3 weeks so that only H4 is broken.
        var scenario = Fixtures.plain
        scenario.targets[0].minRevisitWeeks = 3
        var plan = Fixtures.plainPlan
        let index = plan.index("R1", 2, "east")
        plan.sessions[index].week = 13
        plan.sessions[index].days = ["2025-03-24", "2025-03-25"]
        plan.load[plan.loadIndex("a", "east", 14)].week = 13
        plan.load[plan.loadIndex("b", "city", 14)].week = 13
        plan.visits[plan.visitIndex("shop", "east", 14)].week = 13
        let report = PlanChecker.check(scenario: scenario, plan: plan)
        #expect(report.ruleSet == [.h4], "\(report.lines)")
        #expect(report.lines == ["H4: R1 in east: round 2 in week 13 is only 3 weeks after round 1 in week 10 (min gap 4 weeks)"])
    }

    @Test func laterRoundWithoutEarlierBreaksH4() {
        var plan = Fixtures.plainPlan
        plan.sessions.remove(at: plan.index("R1", 1, "west"))
        plan.unscheduled.insert(UnscheduledSession(request: "R1", round: 1, region: "west", priority: "high",
                                                   reasons: []), at: 0)
        plan.load.remove(at: plan.loadIndex("a", "city", 11))
        plan.load.remove(at: plan.loadIndex("b", "city", 11))
        plan.visits.remove(at: plan.visitIndex("shop", "west", 11))
        plan.kpis.scheduled = 6
        plan.kpis.visits = 5
        plan.kpis.visitsIfUnmerged = 6
        plan.state(objective: 645.6 + 10_000 - 50)
        let report = PlanChecker.check(scenario: Fixtures.plain, plan: plan)
        #expect(report.ruleSet == [.h4], "\(report.lines)")
        #expect(report.lines == ["H4: R1 round 2 in west is placed (week 15) but round 1 is not"])
    }

    @Test func zeroGapAllowsTheSameWeek() {
        var scenario = Fixtures.plain
        scenario.requests[2].rounds = 2
        var plan = Fixtures.plainPlan
        // Round 2 of R3 in both regions in week 20 as well: a uses 4 officer-days of 2.4 there, so
        // give a more staff: 20 officers × 0.2 × 0.3 × 4 days = 4.8 officer-days.
        scenario.departments[0].staff = [Entry("city", 20), Entry("east", 20)]
        plan.sessions += [
            Fixtures.session("R3", 2, "east", 20, ["2025-05-12"], ["a": 2], ["a": "east"], ["factory"], inPreferred: false),
            Fixtures.session("R3", 2, "west", 20, ["2025-05-12"], ["a": 2], ["a": "city"], ["factory"], inPreferred: false),
        ]
        plan.sessions.sort { ($0.week, $0.region, $0.request, $0.round) < ($1.week, $1.region, $1.request, $1.round) }
        for index in plan.load.indices where plan.load[index].department == "a" {
            plan.load[index].capacity *= 2
            if plan.load[index].week == 20 { plan.load[index].used = 4 }
        }
        plan.kpis.sessions = 10
        plan.kpis.scheduled = 9
        plan.kpis.visitsIfUnmerged = 9
        plan.kpis.outsidePreferred = 4
        plan.kpis.overloadOfficerDays["a"] = 2 * (4 - 0.6 * 4.8)
        plan.kpis.peakUtilisation["a"] = 4 / 4.8
        plan.state(objective: 300 + 300 + 4 * 20 + 5 * 2 * (4 - 0.6 * 4.8))
        let report = PlanChecker.check(scenario: scenario, plan: plan)
        #expect(report.violations == [], "\(report.lines)")
    }

    @Test func syncRequestSplitOverTwoWeeksBreaksH5() {
        var plan = Fixtures.plainPlan
        let index = plan.index("R3", 1, "west")
        plan.sessions[index].week = 21
        plan.sessions[index].days = ["2025-05-19"]
        plan.load[plan.loadIndex("a", "city", 20)] = LoadRecord(department: "a", pool: "city", week: 21, used: 2,
                                                                 capacity: 10)
        plan.visits[plan.visitIndex("factory", "west", 20)].week = 21
        plan.kpis.overloadOfficerDays["a"] = 0.56
        plan.state(objective: 645.6 - 5 * 0.56)
        let report = PlanChecker.check(scenario: Fixtures.plain, plan: plan)
        #expect(report.ruleSet == [.h5], "\(report.lines)")
        #expect(report.lines == ["H5: R3 round 1 (sync_regions): east in week 20, west in week 21"])
    }
}
