import JointPlanCore
import PlanChecker
@testable import JointPlanSolver

/// Hand-made scenarios for the rule-family tests: 2025 without holidays unless asked, one or two
/// regions, departments with round staff numbers so the binding numbers are easy to read.
enum Tiny {
    static func date(_ month: Int, _ day: Int) -> CivilDate { CivilDate(year: 2025, month: month, day: day)! }
    static func range(_ from: (Int, Int), _ to: (Int, Int)) -> DateRange {
        DateRange(from: date(from.0, from.1), to: date(to.0, to.1))
    }

    static func scenario(requests: [Request], staff: Double = 10, share: Double = 1, calendar: CalendarSpec = CalendarSpec(),
                         policy: Policy = Policy(minRevisitWeeks: 1), targets: [Target]? = nil,
                         regions: [Region]? = nil) -> Scenario {
        Scenario(
            name: "tiny", year: 2025, calendar: calendar, policy: policy,
            regions: regions ?? [Region(id: "city", name: "市"), Region(id: "east", name: "东区", parent: "city"),
                                 Region(id: "west", name: "西区", parent: "city")],
            departments: [Department(id: "a", name: "甲局", staff: [Entry("city", staff)], share: share),
                          Department(id: "b", name: "乙局", staff: [Entry("city", staff)], share: share)],
            targets: targets ?? [Target(id: "shop", name: "商店", count: [Entry("east", 5), Entry("west", 5)])],
            requests: requests)
    }

    static func request(_ id: String, window: DateRange? = nil, rounds: Int = 1, gap: Int = 0, days: Int = 1,
                        officers: Int = 2, regions: [String] = ["east"], priority: Priority = .normal,
                        sync: Bool = false, targets: [String] = ["shop"], preferred: DateRange? = nil) -> Request {
        Request(id: id, title: "事项\(id)", lead: "a", targets: targets, regions: regions, rounds: rounds,
                minGapWeeks: gap, durationDays: days, officers: [Entry("a", officers)], window: window,
                preferred: preferred, priority: priority, syncRegions: sync)
    }

    static func plan(_ scenario: Scenario, options: PlanOptions = PlanOptions(timeLimit: 10, gap: 0)) throws -> PlanDocument {
        try Planner.plan(scenario: scenario, digest: "test", options: options).document
    }

    static func week(_ plan: PlanDocument, _ request: String, round: Int = 1, region: String = "east") -> Int? {
        plan.sessions.first { $0.request == request && $0.round == round && $0.region == region }?.week
    }

    /// The rule codes `check` reports, PLAN/OBJ bookkeeping aside.
    static func brokenRules(_ scenario: Scenario, _ plan: PlanDocument) -> Set<RuleCode> {
        Set(PlanChecker.check(scenario: scenario, plan: plan).violations.map(\.rule)).subtracting([.plan, .objective])
    }

    /// Moves one session to another week, with the days that week would give it, keeping the rest.
    static func move(_ plan: PlanDocument, _ request: String, round: Int = 1, region: String = "east", to week: Int,
                     scenario: Scenario) -> PlanDocument {
        var copy = plan
        let calendar = try! PlanCalendar(year: scenario.year, spec: scenario.calendar)
        let index = copy.sessions.firstIndex { $0.request == request && $0.round == round && $0.region == region }!
        let days = scenario.request(request)!.durationDays
        copy.sessions[index].week = week
        copy.sessions[index].days = Array(calendar.workingDays(ofWeek: week).prefix(days)).map(\.iso)
        copy.sessions.sort { ($0.week, $0.region, $0.request, $0.round) < ($1.week, $1.region, $1.request, $1.round) }
        return copy
    }
}
