import JointPlanCore
import PlanChecker
import Testing

/// Hand-made scenarios and hand-written plans for the checker tests. Every number in the plans below
/// was worked out by hand from the scenario, not produced by the checker.
enum Fixtures {
    static func date(_ text: String) -> CivilDate { CivilDate(iso: text)! }
    static func range(_ from: String, _ to: String) -> DateRange { DateRange(from: date(from), to: date(to)) }

    // MARK: A plain calendar (no preset): weekends and nothing else

    /// Two districts under a city. `west` is closed on Monday 2025-03-10. Department `a` (2 officer-days
    /// per working day in each pool) has two overlapping unavailabilities in week 20 (12–16 May): 0.7 all
    /// week and 0.5 on Wednesday the 14th, which add up to 1.2 and are capped at 1, so week 20 offers
    /// 4 × 2 × 0.3 = 2.4 officer-days. Department `b` has one city pool of 5 officer-days per day.
    static var plain: Scenario {
        var objective = ObjectiveWeights()
        objective.unscheduledLow = 300
        return Scenario(
            name: "plain", year: 2025, calendar: CalendarSpec(),
            policy: Policy(minRevisitWeeks: 4, maxVisitsPerYear: nil, maxVisitsPerDepartment: 2),
            regions: [
                Region(id: "city", name: "市"),
                Region(id: "east", name: "东区", parent: "city"),
                Region(id: "west", name: "西区", parent: "city",
                       closed: [Closure(range: range("2025-03-10", "2025-03-10"), reason: "沙尘暴预警")]),
            ],
            departments: [
                Department(id: "a", name: "甲局", staff: [Entry("city", 10), Entry("east", 10)], share: 0.2,
                           unavailable: [Unavailability(range: range("2025-05-12", "2025-05-16"), fraction: 0.7),
                                         Unavailability(range: range("2025-05-14", "2025-05-14"), fraction: 0.5)]),
                Department(id: "b", name: "乙局", staff: [Entry("city", 10)], share: 0.5),
            ],
            targets: [
                Target(id: "shop", name: "商店", count: [Entry("east", 10), Entry("west", 10)], maxVisitsPerYear: 2),
                Target(id: "factory", name: "工厂", count: [Entry("east", 5), Entry("west", 5)]),
            ],
            requests: [
                Request(id: "R1", title: "商店联合检查", lead: "a", partners: ["b"], targets: ["shop"],
                        regions: ["east", "west"], rounds: 2, minGapWeeks: 4, durationDays: 2,
                        officers: [Entry("a", 2), Entry("b", 2)], window: range("2025-03-01", "2025-06-30"),
                        preferred: range("2025-03-01", "2025-04-30"), priority: .high),
                Request(id: "R2", title: "商店专项", lead: "b", targets: ["shop"], regions: ["east"],
                        durationDays: 1, officers: [Entry("b", 2)], priority: .mandatory),
                Request(id: "R3", title: "工厂同步检查", lead: "a", targets: ["factory"], regions: ["east", "west"],
                        durationDays: 1, officers: [Entry("a", 2)], preferred: range("2025-06-01", "2025-06-30"),
                        priority: .normal, syncRegions: true),
                Request(id: "R4", title: "宣传", lead: "b", regions: ["west"], durationDays: 1,
                        officers: [Entry("b", 2)], priority: .low),
            ],
            objective: objective)
    }

    /// A correct plan for `plain`. R1 and R2 merge their shop visit in east in week 10; R1 west skips the
    /// closed Monday of week 11; R3 runs in week 20 in both regions (outside its June preference) and
    /// overloads `a` by 2 − 0.6 × 2.4 = 0.56 officer-days in each pool; R4 (low) is unscheduled.
    /// Objective: 300 (R4, overridden weight) + 6 visits × 50 + 2 × 20 + 1.12 × 5 = 645.6.
    static var plainPlan: PlanDocument {
        let r1East = ["a": "east", "b": "city"], r1West = ["a": "city", "b": "city"]
        return PlanDocument(
            scenario: ScenarioReference(name: "plain", year: 2025, digest: "test"),
            solver: solver(objective: 645.6),
            sessions: [
                session("R1", 1, "east", 10, ["2025-03-03", "2025-03-04"], ["a": 2, "b": 2], r1East, ["shop"]),
                session("R2", 1, "east", 10, ["2025-03-03"], ["b": 2], ["b": "city"], ["shop"]),
                session("R1", 1, "west", 11, ["2025-03-11", "2025-03-12"], ["a": 2, "b": 2], r1West, ["shop"]),
                session("R1", 2, "east", 14, ["2025-03-31", "2025-04-01"], ["a": 2, "b": 2], r1East, ["shop"]),
                session("R1", 2, "west", 15, ["2025-04-07", "2025-04-08"], ["a": 2, "b": 2], r1West, ["shop"]),
                session("R3", 1, "east", 20, ["2025-05-12"], ["a": 2], ["a": "east"], ["factory"], inPreferred: false),
                session("R3", 1, "west", 20, ["2025-05-12"], ["a": 2], ["a": "city"], ["factory"], inPreferred: false),
            ],
            unscheduled: [UnscheduledSession(request: "R4", round: 1, region: "west", priority: "low",
                                             reasons: ["lowest priority"])],
            visits: [
                VisitRecord(target: "factory", region: "east", week: 20, requests: ["R3"]),
                VisitRecord(target: "factory", region: "west", week: 20, requests: ["R3"]),
                VisitRecord(target: "shop", region: "east", week: 10, requests: ["R1", "R2"]),
                VisitRecord(target: "shop", region: "east", week: 14, requests: ["R1"]),
                VisitRecord(target: "shop", region: "west", week: 11, requests: ["R1"]),
                VisitRecord(target: "shop", region: "west", week: 15, requests: ["R1"]),
            ],
            load: [
                LoadRecord(department: "a", pool: "city", week: 11, used: 4, capacity: 10),
                LoadRecord(department: "a", pool: "city", week: 15, used: 4, capacity: 10),
                LoadRecord(department: "a", pool: "city", week: 20, used: 2, capacity: 2.4),
                LoadRecord(department: "a", pool: "east", week: 10, used: 4, capacity: 10),
                LoadRecord(department: "a", pool: "east", week: 14, used: 4, capacity: 10),
                LoadRecord(department: "a", pool: "east", week: 20, used: 2, capacity: 2.4),
                LoadRecord(department: "b", pool: "city", week: 10, used: 6, capacity: 25),
                LoadRecord(department: "b", pool: "city", week: 11, used: 4, capacity: 25),
                LoadRecord(department: "b", pool: "city", week: 14, used: 4, capacity: 25),
                LoadRecord(department: "b", pool: "city", week: 15, used: 4, capacity: 25),
            ],
            kpis: PlanKPIs(sessions: 8, scheduled: 7, mandatoryUnscheduled: 0, visits: 6, visitsIfUnmerged: 7,
                           outsidePreferred: 2, overloadOfficerDays: ["a": 1.12, "b": 0],
                           peakUtilisation: ["a": 2 / 2.4, "b": 6.0 / 25], moved: 0))
    }

    // MARK: The official 2025 calendar (cn-official)

    /// One region, one department with 10 officer-days per working day, three single-region requests.
    static func cn(staff: Double = 20) -> Scenario {
        Scenario(
            name: "cn", year: 2025, calendar: CalendarSpec(preset: "cn-official"),
            regions: [Region(id: "r", name: "区")],
            departments: [Department(id: "x", name: "丙局", staff: [Entry("r", staff)], share: 0.5)],
            targets: [Target(id: "t", name: "企业", count: [Entry("r", 5)])],
            requests: [
                Request(id: "Q1", title: "元旦检查", lead: "x", targets: ["t"], regions: ["r"], durationDays: 2,
                        officers: [Entry("x", 2)]),
                Request(id: "Q2", title: "五一后检查", lead: "x", regions: ["r"], durationDays: 3,
                        officers: [Entry("x", 2)]),
                Request(id: "Q3", title: "春节后检查", lead: "x", regions: ["r"], durationDays: 4,
                        officers: [Entry("x", 2)]),
            ])
    }

    /// A correct plan for `cn()`. Week 1 starts on 2024-12-30: the 30th and 31st lie outside the plan year
    /// and 1 January is a holiday, so Q1 takes 2 and 3 January. Week 6 has the holiday up to 4 February and
    /// the adjusted working Saturday 8 February. Week 19 starts with the holiday of 5 May.
    static var cnPlan: PlanDocument {
        PlanDocument(
            scenario: ScenarioReference(name: "cn", year: 2025, digest: "test"),
            solver: solver(objective: 50),
            sessions: [
                session("Q1", 1, "r", 1, ["2025-01-02", "2025-01-03"], ["x": 2], ["x": "r"], ["t"]),
                session("Q3", 1, "r", 6, ["2025-02-05", "2025-02-06", "2025-02-07", "2025-02-08"], ["x": 2],
                        ["x": "r"], []),
                session("Q2", 1, "r", 19, ["2025-05-06", "2025-05-07", "2025-05-08"], ["x": 2], ["x": "r"], []),
            ],
            unscheduled: [],
            visits: [VisitRecord(target: "t", region: "r", week: 1, requests: ["Q1"])],
            load: [
                LoadRecord(department: "x", pool: "r", week: 1, used: 4, capacity: 20),
                LoadRecord(department: "x", pool: "r", week: 6, used: 8, capacity: 40),
                LoadRecord(department: "x", pool: "r", week: 19, used: 6, capacity: 40),
            ],
            kpis: PlanKPIs(sessions: 3, scheduled: 3, mandatoryUnscheduled: 0, visits: 1, visitsIfUnmerged: 1,
                           outsidePreferred: 0, overloadOfficerDays: ["x": 0], peakUtilisation: ["x": 0.2],
                           moved: 0))
    }

    // MARK: Helpers

    static func solver(objective: Double) -> SolverSummary {
        SolverSummary(engine: "hand", status: "optimal", objective: objective, bound: objective, gap: 0,
                      seconds: 0, rows: 0, columns: 0, nonzeros: 0)
    }

    static func session(_ request: String, _ round: Int, _ region: String, _ week: Int, _ days: [String],
                        _ officers: [String: Int], _ pools: [String: String], _ targets: [String],
                        inPreferred: Bool = true, pinned: Bool = false) -> PlannedSession {
        PlannedSession(request: request, round: round, region: region, week: week, days: days, officers: officers,
                       pools: pools, targets: targets, inPreferred: inPreferred, pinned: pinned)
    }
}

extension PlanDocument {
    /// The index of a session, which must exist.
    func index(_ request: String, _ round: Int, _ region: String) -> Int {
        sessions.firstIndex { $0.request == request && $0.round == round && $0.region == region }!
    }

    func loadIndex(_ department: String, _ pool: String, _ week: Int) -> Int {
        load.firstIndex { $0.department == department && $0.pool == pool && $0.week == week }!
    }

    func visitIndex(_ target: String, _ region: String, _ week: Int) -> Int {
        visits.firstIndex { $0.target == target && $0.region == region && $0.week == week }!
    }
}

extension CheckReport {
    var ruleSet: Set<RuleCode> { Set(violations.map(\.rule)) }
    var lines: [String] { violations.map(\.description) }
}

extension PlanDocument {
    /// Sets the stated objective with the bound and gap of a proven plan, so that a test changes one fact.
    mutating func state(objective: Double) {
        solver.objective = objective
        solver.bound = objective
        solver.gap = 0
    }
}
