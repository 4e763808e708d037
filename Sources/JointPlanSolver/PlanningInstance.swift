import JointPlanCore

/// A (department, pool) pair: whose officers, from which region's staff.
struct PoolKey: Hashable, Comparable, Sendable {
    var department: String
    var pool: String

    static func < (a: PoolKey, b: PoolKey) -> Bool { (a.department, a.pool) < (b.department, b.pool) }
}

/// A week the session may be placed in (H2 holds), with its days and the per-placement costs.
struct CandidateWeek: Sendable {
    var week: Int
    var days: [CivilDate]
    var inPreferred: Bool
}

/// Everything the model, the greedy start and the decoder need about one session.
struct SessionInfo: Sendable {
    var key: SessionKey
    var requestIndex: Int
    var priority: Priority
    var durationDays: Int
    /// (department, pool, officers per day), lead first.
    var draws: [(pool: PoolKey, officersPerDay: Int)]
    var targets: [String]
    var syncRegions: Bool
    var minGapWeeks: Int
    /// Weeks where H2 holds, ascending.
    var candidates: [CandidateWeek]
    /// Set when the session is pinned by a reference plan (H7): the week it must keep.
    var pinnedWeek: Int?
    /// The week of this session in the reference plan, for the `move` cost.
    var referenceWeek: Int?

    /// Sessions with the same key can never share a week: the rounds of one request in one region when
    /// its gap is at least a week (H4). Nil: the session excludes no other this way.
    var weekExclusionGroup: String? {
        minGapWeeks >= 1 ? "\(key.request)|\(key.region)" : nil
    }

    func officerDays(_ pool: PoolKey) -> Double {
        Double(draws.filter { $0.pool == pool }.reduce(0) { $0 + $1.officersPerDay } * durationDays)
    }

    func candidate(week: Int) -> CandidateWeek? { candidates.first { $0.week == week } }
}

/// A pinned session from a reference plan (§7): it keeps its week, and its published days when given.
public struct PinnedSession: Hashable, Sendable {
    public var key: SessionKey
    public var week: Int
    /// The published days; nil: the days the rules give in `week`.
    public var days: [CivilDate]?

    public init(key: SessionKey, week: Int, days: [CivilDate]? = nil) {
        self.key = key
        self.week = week
        self.days = days
    }
}

/// The scenario unfolded into sessions, candidate weeks and weekly capacities: the facts every rule
/// family of the model reads. Built once per plan run.
struct PlanningInstance: Sendable {
    let scenario: Scenario
    let calendar: PlanCalendar
    let weights: ObjectiveWeights
    private(set) var sessions: [SessionInfo]
    let sessionIndex: [SessionKey: Int]
    /// Officer-days available per (department, pool) per week (index 0 = week 1).
    let capacity: [PoolKey: [Double]]
    /// Pinned sessions that break a rule of this scenario on their own (H7: reported, never unpinned).
    private(set) var pinnedConflicts: [PinnedConflict] = []
    /// Re-planning's freeze date (`--freeze-until`): the days before it are past, so a session that is not
    /// pinned may only start on or after it (H7's other half: what was not published before it cannot be
    /// placed there now). Nil outside re-planning.
    let earliestStart: CivilDate?

    init(scenario: Scenario, calendar: PlanCalendar, pinned: [PinnedSession] = [],
         referenceWeeks: [SessionKey: Int] = [:], earliestStart: CivilDate? = nil) {
        self.scenario = scenario
        self.calendar = calendar
        self.earliestStart = earliestStart
        self.weights = scenario.objective
        let pinnedByKey = Dictionary(pinned.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        var conflicts: [PinnedConflict] = []

        var sessions: [SessionInfo] = []
        for (requestIndex, request) in scenario.requests.enumerated() {
            let draws: (String) -> [(pool: PoolKey, officersPerDay: Int)] = { region in
                request.departments.compactMap { department in
                    guard let pool = scenario.pool(department: department, region: region),
                          let officers: Int = request.officers.value(for: department) else { return nil }
                    return (PoolKey(department: department, pool: pool), officers)
                }
            }
            for round in 1...max(1, request.rounds) {
                for region in request.regions {
                    let key = SessionKey(request: request.id, round: round, region: region)
                    // A pinned session keeps its published week even before the freeze date (H7).
                    var candidates = Self.candidates(request: request, region: region, scenario: scenario,
                                                     calendar: calendar,
                                                     earliestStart: pinnedByKey[key] == nil ? earliestStart : nil)
                    if let pin = pinnedByKey[key] {
                        // H7: the published week and days, whether or not the changed scenario still allows them.
                        let kept = Self.pinnedCandidate(pin, request: request, region: region, candidates: candidates,
                                                        scenario: scenario, calendar: calendar)
                        candidates = [kept.candidate]
                        conflicts += kept.conflicts
                    }
                    sessions.append(SessionInfo(
                        key: key, requestIndex: requestIndex, priority: request.priority,
                        durationDays: request.durationDays, draws: draws(region), targets: request.targets,
                        syncRegions: request.syncRegions, minGapWeeks: request.minGapWeeks,
                        candidates: candidates,
                        pinnedWeek: pinnedByKey[key]?.week, referenceWeek: referenceWeeks[key]))
                }
            }
        }
        self.sessions = sessions
        self.sessionIndex = Dictionary(uniqueKeysWithValues: sessions.enumerated().map { ($1.key, $0) })
        for pin in pinned.sorted(by: { $0.key < $1.key }) where sessionIndex[pin.key] == nil {
            conflicts.append(PinnedConflict(rule: "H7", session: pin.key,
                                            message: "the changed scenario has no such session (request, round or region removed); it cannot be kept"))
        }
        self.pinnedConflicts = conflicts

        var capacity: [PoolKey: [Double]] = [:]
        for session in sessions {
            for draw in session.draws where capacity[draw.pool] == nil {
                capacity[draw.pool] = Self.weeklyCapacity(draw.pool, scenario: scenario, calendar: calendar)
            }
        }
        self.capacity = capacity
    }

    /// The same instance with every session outside `free` held at its week in `placement` (a single
    /// candidate, fixed) or left out when unscheduled: the sub-problem of a fix-and-optimize step. Fixed
    /// sessions stay in the model, so capacity, visits, rounds and synchronisation see them unchanged.
    func restricted(freeing free: Set<Int>, around placement: [Int?]) -> PlanningInstance {
        var copy = self
        for index in sessions.indices where !free.contains(index) {
            if let week = placement[index], let candidate = sessions[index].candidate(week: week) {
                copy.sessions[index].candidates = [candidate]
                copy.sessions[index].pinnedWeek = week
            } else {
                copy.sessions[index].candidates = []
            }
        }
        return copy
    }

    /// The days a session of `request` would use in each week, kept where H2 holds and, in a re-plan, where
    /// the first day is not before `earliestStart` (the freeze date).
    static func candidates(request: Request, region regionID: String, scenario: Scenario,
                           calendar: PlanCalendar, earliestStart: CivilDate? = nil) -> [CandidateWeek] {
        let closures = scenario.region(regionID)?.closed.map(\.range) ?? []
        let window = request.window ?? DateRange(from: calendar.firstDay, to: calendar.lastDay)
        var result: [CandidateWeek] = []
        for week in calendar.weeks {
            let open = calendar.workingDays(ofWeek: week).filter { day in !closures.contains { $0.contains(day) } }
            guard open.count >= request.durationDays else { continue }
            let days = Array(open.prefix(request.durationDays))
            guard days.allSatisfy(window.contains) else { continue }
            if let earliestStart, days[0] < earliestStart { continue }
            let inPreferred = request.preferred.map { preferred in days.allSatisfy(preferred.contains) } ?? true
            result.append(CandidateWeek(week: week, days: days, inPreferred: inPreferred))
        }
        return result
    }

    /// H3's right-hand side: Σ over working days of staff × share × (1 − unavailable fraction, capped at 1).
    static func weeklyCapacity(_ pool: PoolKey, scenario: Scenario, calendar: PlanCalendar) -> [Double] {
        guard let department = scenario.department(pool.department),
              let staff: Double = department.staff.value(for: pool.pool) else {
            return Array(repeating: 0, count: calendar.weekCount)
        }
        return calendar.weeks.map { week in
            calendar.workingDays(ofWeek: week).reduce(0.0) { total, day in
                let away = department.unavailable.filter { $0.range.contains(day) }.reduce(0.0) { $0 + $1.fraction }
                return total + staff * department.share * (1 - min(1, away))
            }
        }
    }

    func capacity(_ pool: PoolKey, week: Int) -> Double { capacity[pool]?[week - 1] ?? 0 }

    /// Officer-days of sessions left out of a fix-and-optimize sub-model but held at their week: they
    /// still use their pools, so the model sees less capacity (empty for every other instance).
    private(set) var heldLoad: [PoolKey: [Int: Double]] = [:]

    /// What the model may still fill: the capacity less the held load (never below 0: held sessions that
    /// overfill a week on their own — pinned conflicts — admit no further load, H7).
    func freeCapacity(_ pool: PoolKey, week: Int) -> Double {
        max(0, capacity(pool, week: week) - (heldLoad[pool]?[week] ?? 0))
    }

    /// Load above which overload is priced: `balance_threshold` × capacity, less the held load (it may
    /// go negative: the held sessions alone overload the week, and every added officer-day costs).
    func balanceLimit(_ pool: PoolKey, week: Int) -> Double {
        weights.balanceThreshold * capacity(pool, week: week) - (heldLoad[pool]?[week] ?? 0)
    }

    /// The fix-and-optimize sub-problem, slimmed: like `restricted(freeing:around:)`, but a held session
    /// that shares nothing with the free ones except pools is left out of the model entirely, its load
    /// moved into `heldLoad`. Kept: the free sessions, every session at one of their visit sites, and
    /// the whole round chains and synchronised rounds of all these (their rows need every member). The
    /// sub-model of a county's 13 weeks in a province then holds tens of sessions, not thousands.
    func slimRestricted(freeing free: Set<Int>, around placement: [Int?], links: SessionLinks) -> PlanningInstance {
        var keep = free
        for index in free {
            for site in links.sites[index] { keep.formUnion(links.sessionsAt[site]!) }
        }
        var queue = Array(keep)
        while let index = queue.popLast() {
            for other in links.chain[index] + links.syncGroup[index] where !keep.contains(other) {
                keep.insert(other)
                queue.append(other)
            }
        }
        var copy = restricted(freeing: free, around: placement)
        for index in sessions.indices where !keep.contains(index) {
            copy.sessions[index].candidates = []
            copy.sessions[index].pinnedWeek = nil
            guard let week = placement[index] else { continue }
            for pool in Set(sessions[index].draws.map(\.pool)) {
                copy.heldLoad[pool, default: [:]][week, default: 0] += sessions[index].officerDays(pool)
            }
        }
        return copy
    }

    /// Sessions grouped by (request, region), in round order: the chains H4 links.
    var roundChains: [[Int]] {
        var chains: [String: [Int]] = [:]
        var order: [String] = []
        for (index, session) in sessions.enumerated() {
            let key = session.key.request + "\u{1F}" + session.key.region
            if chains[key] == nil { order.append(key) }
            chains[key, default: []].append(index)
        }
        return order.map { chains[$0]!.sorted { sessions[$0].key.round < sessions[$1].key.round } }
    }

    /// Sessions of one round of a `sync_regions` request (H5), for each such round.
    var syncGroups: [[Int]] {
        var groups: [String: [Int]] = [:]
        var order: [String] = []
        for (index, session) in sessions.enumerated() where session.syncRegions {
            let key = "\(session.key.request)\u{1F}\(session.key.round)"
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(index)
        }
        return order.map { groups[$0]! }.filter { $0.count > 1 }
    }

    /// The visit rules of a target (target fields override the policy).
    /// A `min_revisit_weeks` above the year's week count means the same as the week count (one visit week
    /// a year) and is capped there, so the revisit windows stay as many as the weeks (a value of 10^12
    /// would otherwise make that many rows).
    func visitRules(target targetID: String) -> (minRevisit: Int, maxPerYear: Int?, maxPerDepartment: Int?) {
        let target = scenario.target(targetID)
        let policy = scenario.policy
        return (min(target?.minRevisitWeeks ?? policy.minRevisitWeeks, calendar.weekCount),
                target?.maxVisitsPerYear ?? policy.maxVisitsPerYear,
                target?.maxVisitsPerDepartment ?? policy.maxVisitsPerDepartment)
    }

    /// Cost of placing `session` in `candidate` beyond the visit and load terms: the unscheduled weight
    /// saved (negative), the preference penalty and the move cost.
    func placementCost(_ session: SessionInfo, _ candidate: CandidateWeek) -> Double {
        var cost = -weights.unscheduled(session.priority)
        if !candidate.inPreferred { cost += weights.outsidePreferred }
        return cost + moveCost(session, week: candidate.week)
    }

    /// The `move` term of placing `session` in `week`: its weight when a reference plan had it elsewhere.
    func moveCost(_ session: SessionInfo, week: Int) -> Double {
        session.referenceWeek.map { $0 != week ? weights.move : 0 } ?? 0
    }
}

/// Who shares what with whom, computed once per instance for the slim sub-models.
struct SessionLinks {
    /// Per session: its visit sites (target and region).
    var sites: [[String]]
    var sessionsAt: [String: [Int]]
    /// Per session: the other sessions of its round chain, and of its synchronised round.
    var chain: [[Int]]
    var syncGroup: [[Int]]

    init(_ instance: PlanningInstance) {
        sites = instance.sessions.map { session in session.targets.map { $0 + "\u{1F}" + session.key.region } }
        var at: [String: [Int]] = [:]
        for (index, keys) in sites.enumerated() { for key in keys { at[key, default: []].append(index) } }
        sessionsAt = at
        var chain = Array(repeating: [Int](), count: instance.sessions.count)
        for members in instance.roundChains { for member in members { chain[member] = members } }
        self.chain = chain
        var sync = Array(repeating: [Int](), count: instance.sessions.count)
        for members in instance.syncGroups { for member in members { sync[member] = members } }
        syncGroup = sync
    }
}
