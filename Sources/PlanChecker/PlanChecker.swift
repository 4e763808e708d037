import JointPlanCore

/// Verifies a plan against every hard rule of DESIGN.md §5, re-deriving each rule from the scenario alone.
///
/// The checker shares no code with the model builder on purpose: it recomputes sessions, days, pools,
/// capacities, visits, KPIs and the objective from the scenario and compares them with what the plan
/// says, so a bug in either is caught by the other. Only the calendar (`PlanCalendar`) is shared, because
/// it is domain code, not modelling.
public enum PlanChecker {
    /// Checks `plan` against `scenario`. With a `reference` plan and `freezeUntil`, also checks that the
    /// reference sessions starting before `freezeUntil` are pinned where they were (H7) and counts moves.
    ///
    /// Without a reference, moves cannot be re-derived: the objective then uses the plan's `kpis.moved`.
    public static func check(scenario: Scenario, plan: PlanDocument, reference: PlanDocument? = nil,
                             freezeUntil: CivilDate? = nil) -> CheckReport {
        let calendar: PlanCalendar
        do {
            calendar = try PlanCalendar(year: scenario.year, spec: scenario.calendar)
        } catch {
            var log = ViolationLog()
            let reason: String
            switch error {
            case .unknownPreset(let name): reason = "unknown calendar preset '\(name)'"
            case .unknownYear(let year, let known):
                reason = "calendar preset has no schedule for \(year) (known: \(known.map(String.init).joined(separator: ", ")))"
            }
            log.add(.plan, "scenario calendar: \(reason); nothing else can be checked")
            return CheckReport(violations: log.sorted, recomputedObjective: 0)
        }
        var run = CheckRun(scenario: scenario, calendar: calendar, plan: plan)
        run.checkHeader()
        run.indexSessions()
        run.checkPlacements()
        run.checkCapacity()
        run.checkRounds()
        run.checkSync()
        run.checkVisits()
        run.checkPinned(reference: reference, freezeUntil: freezeUntil)
        run.checkKPIs(hasReference: reference != nil)
        let objective = run.checkObjective()
        return CheckReport(violations: run.log.sorted, recomputedObjective: objective, warnings: run.log.warnings)
    }
}

/// One session of the scenario: one round of one request in one region.
struct SessionKey: Hashable, Comparable, CustomStringConvertible {
    var request: String
    var round: Int
    var region: String

    static func < (a: SessionKey, b: SessionKey) -> Bool {
        (a.request, a.round, a.region) < (b.request, b.round, b.region)
    }

    /// `R01 round 1 in minqin`.
    var description: String { "\(request) round \(round) in \(region)" }
}

/// A placed session of the plan that exists in the scenario, with what the checker derived for it.
struct Placement {
    var key: SessionKey
    var session: PlannedSession
    var request: Request
    /// The plan's days when they all parse, else the days the rules give; used for window and preference.
    var days: [CivilDate]
    /// Whether `week` is a plan week; sessions in other weeks count for no capacity and no visit.
    var weekIsValid: Bool
    /// Department → staff pool, resolved from the scenario (departments without a pool are left out).
    var pools: [String: String]

    var week: Int { session.week }

    /// True when every day lies inside the request's preferred range (or there is none).
    var inPreferred: Bool {
        guard let preferred = request.preferred else { return true }
        return days.allSatisfy(preferred.contains)
    }
}

/// The state of one check: the scenario's derived facts, the plan's placements and the violations found.
struct CheckRun {
    let scenario: Scenario
    let calendar: PlanCalendar
    let plan: PlanDocument
    var log = ViolationLog()

    let requestsByID: [String: Request]
    let departmentsByID: [String: Department]
    let regionsByID: [String: Region]
    /// Every session of the scenario, in request order, then round, then the request's region order.
    let allKeys: [SessionKey]
    /// Placed sessions by key (the first occurrence when a session is listed twice).
    var placed: [SessionKey: Placement] = [:]
    /// Officer-days used per department, pool and plan week.
    var used: [LoadKey: Double] = [:]
    /// Derived visits: target × region × week → the requests of the sessions making it.
    var visits: [VisitKey: Set<String>] = [:]
    var moved = 0

    init(scenario: Scenario, calendar: PlanCalendar, plan: PlanDocument) {
        self.scenario = scenario
        self.calendar = calendar
        self.plan = plan
        requestsByID = Dictionary(scenario.requests.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        departmentsByID = Dictionary(scenario.departments.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        regionsByID = Dictionary(scenario.regions.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var keys: [SessionKey] = []
        for request in scenario.requests {
            for round in 1...max(1, request.rounds) {
                for region in request.regions {
                    keys.append(SessionKey(request: request.id, round: round, region: region))
                }
            }
        }
        allKeys = keys
    }

    /// Placements in a fixed order (by key), so messages come out the same on every run.
    var placementsInOrder: [Placement] { placed.keys.sorted().map { placed[$0]! } }

    // MARK: Derived facts of the scenario

    /// The staff pool of `department` for sessions in `region`: the region itself or its nearest ancestor
    /// listed in the department's `staff`.
    func pool(of department: Department, for region: String) -> String? {
        var current: String? = region
        var seen = Set<String>()
        while let id = current, seen.insert(id).inserted {
            if department.staff.contains(where: { $0.key == id }) { return id }
            current = regionsByID[id]?.parent
        }
        return nil
    }

    /// The working days of `week` that are open in `region` (not inside one of its closures), in order.
    func openDays(inWeek week: Int, region: String) -> [CivilDate] {
        let closures = regionsByID[region]?.closed ?? []
        return calendar.workingDays(ofWeek: week).filter { day in !closures.contains { $0.range.contains(day) } }
    }

    /// Fraction of `department`'s officers away on `day`: overlapping entries add up, capped at 1.
    func unavailableFraction(of department: Department, on day: CivilDate) -> Double {
        min(1, department.unavailable.filter { $0.range.contains(day) }.reduce(0) { $0 + $1.fraction })
    }

    /// H3 capacity in officer-days: Σ over the plan-year working days of `week` of
    /// staff × share × (1 − unavailable fraction). Region closures do not reduce it.
    func capacity(of department: Department, pool: String, week: Int) -> Double {
        let staff = department.staff.first { $0.key == pool }?.value ?? 0
        return calendar.workingDays(ofWeek: week).reduce(0) { total, day in
            total + staff * department.share * (1 - unavailableFraction(of: department, on: day))
        }
    }
}
