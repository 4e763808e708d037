import JointPlanCore
import PlanChecker
import Testing
@testable import JointPlanSolver

/// One focused test per rule family: the rule binds, the plan obeys it, and breaking it by hand makes
/// the independent checker report exactly that rule.
@Suite struct RuleFamilyTests {
    @Test func windowsAndWorkingDays() throws {
        // A 3-day session in a window of weeks 40–41 of 2025: National Day leaves week 40 with 2 working
        // days (Mon–Tue 29–30 Sep) and week 41 with Thu 9, Fri 10 and the adjusted Saturday 11 Oct.
        let scenario = Tiny.scenario(requests: [Tiny.request("R1", window: Tiny.range((9, 29), (10, 12)), days: 3)],
                                     calendar: CalendarSpec(preset: "cn-official"))
        let plan = try Tiny.plan(scenario)
        #expect(Tiny.week(plan, "R1") == 41)
        #expect(plan.sessions.first?.days == ["2025-10-09", "2025-10-10", "2025-10-11"])
        #expect(Tiny.brokenRules(scenario, plan).isEmpty)
        #expect(Tiny.brokenRules(scenario, Tiny.move(plan, "R1", to: 40, scenario: scenario)) == [.h2])
    }

    @Test func capacityBindsAndTheHigherPriorityWins() throws {
        // Department a: 2 officers × share 1 → 10 officer-days a week; each request needs 2 × 3 = 6.
        let window = Tiny.range((3, 10), (3, 14))
        let scenario = Tiny.scenario(requests: [
            Tiny.request("R1", window: window, days: 3, priority: .low),
            Tiny.request("R2", window: window, days: 3, priority: .high, targets: []),
        ], staff: 2)
        let plan = try Tiny.plan(scenario)
        #expect(Tiny.week(plan, "R2") == 11)
        #expect(Tiny.week(plan, "R1") == nil)
        #expect(plan.unscheduled.first?.reasons.contains { $0.contains("甲局（市）执法力量需要6人·日，仅剩4人·日") } == true)
        #expect(Tiny.brokenRules(scenario, plan).isEmpty)
        var broken = plan
        broken.sessions.append(PlannedSession(request: "R1", round: 1, region: "east", week: 11,
                                              days: ["2025-03-10", "2025-03-11", "2025-03-12"], officers: ["a": 2],
                                              pools: ["a": "city"], targets: ["shop"], inPreferred: true, pinned: false))
        broken.unscheduled = []
        #expect(Tiny.brokenRules(scenario, broken) == [.h3])
    }

    @Test func aWeekTooSmallForTheSessionAloneGetsNoColumn() throws {
        // 2025 under the official calendar: week 5 (27 Jan–2 Feb) has one working day, so department a's
        // single officer gives 1 officer-day there, less than the session's 2 × 1; week 6 (with the
        // adjusted Saturday 8 Feb) gives 4. H2 admits both weeks, H3 only week 6: the model has no column
        // for week 5, except the elastic one of the shortfall analysis, which may buy capacity.
        let scenario = Tiny.scenario(requests: [Tiny.request("R1", window: Tiny.range((1, 27), (2, 9)))], staff: 1,
                                     calendar: CalendarSpec(preset: "cn-official"))
        let instance = try Planner.makeInstance(scenario, PlanOptions())
        #expect(instance.sessions[0].candidates.map(\.week) == [5, 6])
        #expect(ModelBuilder.build(instance).placementColumns[0].map(\.week) == [6])
        #expect(ModelBuilder.build(instance, elasticCost: 1).placementColumns[0].map(\.week) == [5, 6])
        let plan = try Tiny.plan(scenario)
        #expect(Tiny.week(plan, "R1") == 6)
        #expect(Tiny.brokenRules(scenario, plan).isEmpty)
        #expect(Tiny.brokenRules(scenario, Tiny.move(plan, "R1", to: 5, scenario: scenario)) == [.h3])
    }

    @Test func roundsKeepTheirGap() throws {
        let scenario = Tiny.scenario(requests: [Tiny.request("R1", window: Tiny.range((3, 3), (4, 25)), rounds: 3, gap: 3)])
        let plan = try Tiny.plan(scenario)
        let weeks = (1...3).compactMap { Tiny.week(plan, "R1", round: $0) }
        #expect(weeks.count == 3)
        #expect(zip(weeks, weeks.dropFirst()).allSatisfy { $1 - $0 >= 3 })
        #expect(Tiny.brokenRules(scenario, plan).isEmpty)
        let tooClose = Tiny.move(plan, "R1", round: 2, to: weeks[0] + 1, scenario: scenario)
        #expect(Tiny.brokenRules(scenario, tooClose) == [.h4])
    }

    @Test func synchronisedRegionsShareAWeek() throws {
        // West is closed in week 11, so a synchronised round cannot use it.
        var regions = [Region(id: "city", name: "市"), Region(id: "east", name: "东区", parent: "city"),
                       Region(id: "west", name: "西区", parent: "city")]
        regions[2].closed = [Closure(range: Tiny.range((3, 10), (3, 14)))]
        let scenario = Tiny.scenario(requests: [
            Tiny.request("R1", window: Tiny.range((3, 10), (3, 21)), regions: ["east", "west"], sync: true,
                         preferred: Tiny.range((3, 10), (3, 14))),
        ], regions: regions)
        let plan = try Tiny.plan(scenario)
        #expect(Tiny.week(plan, "R1", region: "east") == 12)
        #expect(Tiny.week(plan, "R1", region: "west") == 12)
        #expect(Tiny.brokenRules(scenario, plan).isEmpty)
        #expect(Tiny.brokenRules(scenario, Tiny.move(plan, "R1", region: "east", to: 11, scenario: scenario)) == [.h5])
    }

    @Test func visitsMergeAndKeepTheirSpacing() throws {
        // Two requests on the same shops with overlapping windows share one visit week; a third one,
        // whose window opens after the first one's closes, must stay 4 weeks away from it.
        let scenario = Tiny.scenario(requests: [
            Tiny.request("R1", window: Tiny.range((3, 3), (3, 21))),
            Tiny.request("R2", window: Tiny.range((3, 10), (3, 28))),
            Tiny.request("R3", window: Tiny.range((3, 24), (4, 30))),
        ], policy: Policy(minRevisitWeeks: 4))
        let plan = try Tiny.plan(scenario)
        #expect(Tiny.week(plan, "R1") == Tiny.week(plan, "R2"))
        #expect(plan.kpis.visits == 2 && plan.kpis.visitsIfUnmerged == 3)
        #expect(abs(Tiny.week(plan, "R3")! - Tiny.week(plan, "R1")!) >= 4)
        #expect(Tiny.brokenRules(scenario, plan).isEmpty)
        let crowded = Tiny.move(plan, "R3", to: Tiny.week(plan, "R1")! + 3, scenario: scenario)
        #expect(Tiny.brokenRules(scenario, crowded) == [.h6])
    }

    @Test func yearlyCapLeavesTheLowerPriorityOut() throws {
        let targets = [Target(id: "shop", name: "商店", count: [Entry("east", 5)], maxVisitsPerYear: 1)]
        let scenario = Tiny.scenario(requests: [
            Tiny.request("R1", window: Tiny.range((3, 3), (3, 7)), priority: .low),
            Tiny.request("R2", window: Tiny.range((6, 2), (6, 6)), priority: .high),
        ], targets: targets)
        let plan = try Tiny.plan(scenario)
        #expect(Tiny.week(plan, "R2") != nil)
        #expect(Tiny.week(plan, "R1") == nil)
        #expect(Tiny.brokenRules(scenario, plan).isEmpty)
    }

    @Test func pinnedSessionsStayAndMovesAreCharged() throws {
        let scenario = Tiny.scenario(requests: [
            Tiny.request("R1", window: Tiny.range((3, 3), (3, 28)), preferred: Tiny.range((3, 3), (3, 7))),
            Tiny.request("R2", window: Tiny.range((3, 3), (3, 28)), targets: []),
        ])
        let key1 = SessionKey(request: "R1", round: 1, region: "east")
        let key2 = SessionKey(request: "R2", round: 1, region: "east")
        let options = PlanOptions(timeLimit: 10, gap: 0, pinned: [PinnedSession(key: key1, week: 12)],
                                  referenceWeeks: [key1: 12, key2: 13])
        let plan = try Tiny.plan(scenario, options: options)
        // R1 stays in week 12 although week 10 is preferred; R2 stays in its reference week (a move costs 500).
        #expect(Tiny.week(plan, "R1") == 12)
        #expect(plan.sessions.first { $0.request == "R1" }?.pinned == true)
        #expect(Tiny.week(plan, "R2") == 13)
        #expect(plan.kpis.moved == 0)
        #expect(plan.solver.objective == 50 + 20)
    }
}
