import JointPlanCore

/// The constructed start (§5 `heuristic`): places sessions one by one, most important first, each in
/// the feasible week of least added cost. It obeys every hard rule by construction, so `plan` always
/// has a plan to write, and GLPK gets it as its first incumbent.
struct GreedyPlanner {
    private let instance: PlanningInstance
    private var state: PlacementState
    /// Per session with later rounds: the last week from which all later rounds can still be placed.
    private var latestUsefulWeek: [Int: Int] = [:]

    init(_ instance: PlanningInstance) {
        self.instance = instance
        self.state = PlacementState(instance)
    }

    /// Session index → week (nil: unscheduled).
    static func plan(_ instance: PlanningInstance) -> [Int?] {
        var planner = GreedyPlanner(instance)
        planner.run()
        planner.improve()
        if planner.insertByEjection() > 0 { planner.improve() }
        return planner.state.week
    }

    /// `placement` (which must keep every hard rule) after insertion by ejection and the local search, and
    /// how many sessions went in by ejecting others.
    static func improve(_ instance: PlanningInstance, from placement: [Int?]) -> (placement: [Int?], insertions: Int) {
        var planner = GreedyPlanner(instance)
        for (index, week) in placement.enumerated() { if let week { planner.state.place(index, week: week) } }
        let insertions = planner.insertByEjection()
        planner.improve()
        return (planner.state.week, insertions)
    }

    /// Insertion by ejection: an unscheduled session kept out of a week only by lower-priority placed
    /// sessions (their capacity or visits) goes in and they go out, with their later rounds, when that
    /// lowers the objective; the ejected then take any other week that still pays. `improve` moves one
    /// session at a time and cannot find this, nor can fix-and-optimize when the sessions in the way belong
    /// to other regions sharing a county pool (generated M: high-priority sessions stayed out for room two
    /// normal ones held, as their explanations said). Most important sessions first.
    private mutating func insertByEjection() -> Int {
        let sessions = instance.sessions
        let displacement = Displacement(instance)
        let order = sessions.indices.filter { state.week[$0] == nil && sessions[$0].pinnedWeek == nil }
            .sorted { (sessions[$0].priority, $1) > (sessions[$1].priority, $0) }
        var insertions = 0
        for index in order where state.week[index] == nil {
            var best: (delta: Double, week: Int, removed: [(session: Int, week: Int, delta: Double)])?
            for candidate in sessions[index].candidates where state.blocker(index, week: candidate.week) != nil {
                guard let removed = displacement.clear(index, week: candidate.week, in: &state) else { continue }
                let delta = removed.reduce(state.addedCost(index, week: candidate.week)) { $0 + $1.delta }
                for entry in removed.reversed() { state.place(entry.session, week: entry.week) }
                if delta < (best?.delta ?? -1e-6) { best = (delta, candidate.week, removed) }
            }
            // The state is back as it was when the best week was tried: take out the same sessions.
            guard let best else { continue }
            let removed = best.removed
            for entry in removed { state.unplace(entry.session) }
            state.place(index, week: best.week)
            insertions += 1
            // The ejected, earlier rounds first, each into its cheapest week that still pays.
            let ejected = removed.map(\.session).sorted {
                (sessions[$1].priority, sessions[$0].key.round, $0) < (sessions[$0].priority, sessions[$1].key.round, $1)
            }
            for other in ejected {
                var cheapest: (cost: Double, week: Int)?
                for candidate in sessions[other].candidates where state.canPlace(other, week: candidate.week) {
                    let cost = state.addedCost(other, week: candidate.week)
                    if cost < (cheapest?.cost ?? -1e-9) { cheapest = (cost, candidate.week) }
                }
                if let cheapest { state.place(other, week: cheapest.week) }
            }
        }
        return insertions
    }

    /// Local search: move one session at a time to the feasible week (or out of the plan) that lowers
    /// the objective most, until a full pass changes nothing. Cheap, and it finds most merges the
    /// one-pass construction missed, which gives GLPK a far better first incumbent.
    private mutating func improve(maxPasses: Int = 20) {
        let sessions = instance.sessions
        for _ in 0..<maxPasses {
            var changed = false
            for index in sessions.indices where sessions[index].pinnedWeek == nil && !sessions[index].syncRegions {
                let current = state.week[index]
                if current != nil { state.unplace(index) }
                // Cost of the current choice, then the best alternative; ties keep the current week.
                var bestWeek = current
                var bestCost = current.map { state.addedCost(index, week: $0) } ?? 0
                for candidate in sessions[index].candidates where candidate.week != current {
                    guard state.canPlace(index, week: candidate.week) else { continue }
                    let cost = state.addedCost(index, week: candidate.week)
                    if cost < bestCost - 1e-9 {
                        bestCost = cost
                        bestWeek = candidate.week
                    }
                }
                if current != nil && bestCost > 1e-9 && state.nextRound[index].map({ state.week[$0] == nil }) ?? true {
                    // Leaving it out is cheaper (a low-priority session crowding a week) — unless its next
                    // round is placed, which needs it (H4).
                    bestWeek = nil
                }
                if let bestWeek { state.place(index, week: bestWeek) }
                if bestWeek != current { changed = true }
            }
            if !changed { return }
        }
    }

    private mutating func run() {
        let sessions = instance.sessions
        // Pinned sessions first: they keep their week whatever it costs, even against each other (H7).
        for index in sessions.indices {
            if let week = sessions[index].pinnedWeek { state.place(index, week: week) }
        }
        let order = sessions.indices.filter { sessions[$0].pinnedWeek == nil }.sorted { a, b in
            let (x, y) = (sessions[a], sessions[b])
            if x.priority != y.priority { return x.priority > y.priority }
            if x.requestIndex != y.requestIndex { return x.requestIndex < y.requestIndex }
            // Region by region, each round chain in order: a round is placed right after the one before
            // it, while the lookahead's room for it is still there.
            if x.key.region != y.key.region { return x.key.region < y.key.region }
            if x.key.round != y.key.round { return x.key.round < y.key.round }
            return a < b
        }
        var done = Set<Int>()
        let syncGroupOf = Dictionary(instance.syncGroups.flatMap { group in group.map { ($0, group) } },
                                     uniquingKeysWith: { first, _ in first })
        latestUsefulWeek = Self.latestUsefulWeeks(instance)
        for index in order where !done.contains(index) {
            let round = syncGroupOf[index] ?? [index]
            let group = round.filter { sessions[$0].pinnedWeek == nil }
            // A synchronised round already partly placed (pinned) keeps that week.
            let placedWeeks = state.week
            placeGroup(group, fixedWeek: round.compactMap { placedWeeks[$0] }.first)
            done.formUnion(group)
        }
    }

    /// For each round chain, working backwards from the last round: the latest candidate week of round k
    /// that still has a candidate week of round k+1 at least the gap later (and itself useful).
    static func latestUsefulWeeks(_ instance: PlanningInstance) -> [Int: Int] {
        var latest: [Int: Int] = [:]
        for chain in instance.roundChains where chain.count > 1 {
            var next: [Int]? = nil
            for index in chain.reversed() {
                let session = instance.sessions[index]
                let weeks = session.candidates.map(\.week)
                if let nextWeeks = next {
                    let gap = instance.sessions[chain[chain.firstIndex(of: index)! + 1]].minGapWeeks
                    let useful = weeks.filter { week in nextWeeks.contains { $0 - week >= gap } }
                    if let last = useful.max() { latest[index] = last }
                    next = useful.isEmpty ? weeks : useful
                } else {
                    next = weeks
                }
            }
        }
        return latest
    }

    /// Places a group of sessions that must share a week (a single session is a group of one):
    /// the week placing the most of them, then the cheapest.
    private mutating func placeGroup(_ group: [Int], fixedWeek: Int?) {
        var weeks = fixedWeek.map { [$0] } ?? Set(group.flatMap { instance.sessions[$0].candidates.map(\.week) }).sorted()
        // Leave room for the later rounds: prefer weeks from which every later round can still follow.
        let latest = group.compactMap { latestUsefulWeek[$0] }.min()
        if let latest, weeks.contains(where: { $0 <= latest }) { weeks = weeks.filter { $0 <= latest } }
        var best: (placed: Int, followed: Int, cost: Double, week: Int)?
        for week in weeks {
            var placed: [Int] = []
            var cost = 0.0
            for index in group where state.canPlace(index, week: week) {
                cost += state.addedCost(index, week: week)
                state.place(index, week: week)
                placed.append(index)
            }
            // One round of lookahead: how many of the placed sessions leave their next round a week that
            // still has room (a mandatory round 1 put at its latest useful week can leave round 2 none).
            let followed = placed.filter { index in
                guard let next = state.nextRound[index] else { return true }
                return instance.sessions[next].candidates.contains { state.canPlace(next, week: $0.week) }
            }.count
            for index in placed.reversed() { state.unplace(index) }
            guard !placed.isEmpty, cost < 0 else { continue }
            let better: Bool
            if let best {
                better = (placed.count, followed) > (best.placed, best.followed)
                    || ((placed.count, followed) == (best.placed, best.followed) && cost < best.cost - 1e-9)
            } else {
                better = true
            }
            if better { best = (placed.count, followed, cost, week) }
        }
        guard let best else { return }
        for index in group where state.canPlace(index, week: best.week) { state.place(index, week: best.week) }
    }
}

/// Why a session cannot go into a week, in domain terms.
enum Blocker: Equatable {
    case notEligible
    case capacity(pool: PoolKey, needed: Double, free: Double)
    case previousRoundUnplaced(round: Int)
    case roundGap(round: Int, week: Int, gap: Int)
    case synchronised(region: String, week: Int)
    case revisit(target: String, week: Int, minRevisit: Int)
    case yearCap(target: String, cap: Int)
    case departmentCap(target: String, department: String, cap: Int)
}

/// Incremental bookkeeping of a partial plan: loads, visit weeks, round and sync partners. Checks each
/// hard rule for one more placement and prices it with the §5 objective.
struct PlacementState {
    private let instance: PlanningInstance
    private(set) var week: [Int?]
    private var load: [PoolKey: [Double]] = [:]
    private var visitWeeks: [String: [Int: Int]] = [:]          // site → week → sessions
    private var departmentVisitWeeks: [String: [Int: Int]] = [:]  // site+department → week → sessions
    private let previousRound: [Int: Int]
    /// Session → the next round of its request in its region.
    let nextRound: [Int: Int]
    private let syncPartners: [Int: [Int]]

    init(_ instance: PlanningInstance) {
        self.instance = instance
        week = Array(repeating: nil, count: instance.sessions.count)
        var previous: [Int: Int] = [:]
        var next: [Int: Int] = [:]
        for chain in instance.roundChains {
            for (earlier, later) in zip(chain, chain.dropFirst()) {
                previous[later] = earlier
                next[earlier] = later
            }
        }
        previousRound = previous
        nextRound = next
        syncPartners = Dictionary(instance.syncGroups.flatMap { group in group.map { ($0, group) } },
                                  uniquingKeysWith: { first, _ in first })
    }

    private func site(_ target: String, _ region: String) -> String { target + "\u{1F}" + region }

    func canPlace(_ index: Int, week candidateWeek: Int) -> Bool {
        week[index] == nil && blocker(index, week: candidateWeek) == nil
    }

    /// The first hard rule that forbids placing session `index` in `candidateWeek` next to the
    /// sessions already placed, or nil when it may go there.
    func blocker(_ index: Int, week candidateWeek: Int) -> Blocker? {
        let session = instance.sessions[index]
        guard session.candidate(week: candidateWeek) != nil else { return .notEligible }
        // H3 capacity.
        for pool in Set(session.draws.map(\.pool)).sorted() {
            let free = instance.capacity(pool, week: candidateWeek) - (load[pool]?[candidateWeek - 1] ?? 0)
            let needed = session.officerDays(pool)
            if needed > free + 1e-9 { return .capacity(pool: pool, needed: needed, free: max(0, free)) }
        }
        // H4 rounds: the previous round placed early enough, the next one (if placed) late enough.
        if let previous = previousRound[index] {
            guard let previousWeek = week[previous] else { return .previousRoundUnplaced(round: session.key.round - 1) }
            if candidateWeek - previousWeek < session.minGapWeeks {
                return .roundGap(round: session.key.round - 1, week: previousWeek, gap: session.minGapWeeks)
            }
        }
        if let next = nextRound[index], let nextWeek = week[next], nextWeek - candidateWeek < session.minGapWeeks {
            return .roundGap(round: session.key.round + 1, week: nextWeek, gap: session.minGapWeeks)
        }
        // H5 synchronised regions.
        for partner in syncPartners[index] ?? [] where partner != index {
            if let partnerWeek = week[partner], partnerWeek != candidateWeek {
                return .synchronised(region: instance.sessions[partner].key.region, week: partnerWeek)
            }
        }
        // H6 visits.
        for target in session.targets {
            let rules = instance.visitRules(target: target)
            let key = site(target, session.key.region)
            let weeks = visitWeeks[key] ?? [:]
            if weeks[candidateWeek] == nil {
                if let near = weeks.keys.sorted().first(where: { abs($0 - candidateWeek) < rules.minRevisit }) {
                    return .revisit(target: target, week: near, minRevisit: rules.minRevisit)
                }
                if let cap = rules.maxPerYear, weeks.count + 1 > cap { return .yearCap(target: target, cap: cap) }
            }
            if let cap = rules.maxPerDepartment {
                for department in Set(session.draws.map(\.pool.department)).sorted() {
                    let taken = departmentVisitWeeks[key + "\u{1F}" + department] ?? [:]
                    if taken[candidateWeek] == nil, taken.count + 1 > cap {
                        return .departmentCap(target: target, department: department, cap: cap)
                    }
                }
            }
        }
        return nil
    }

    /// Which sessions occupy target `target` in `region` in `week` (for explanations).
    func sessions(visiting target: String, region: String, week visitWeek: Int) -> [Int] {
        instance.sessions.indices.filter { index in
            week[index] == visitWeek && instance.sessions[index].key.region == region
                && instance.sessions[index].targets.contains(target)
        }
    }

    /// The change of the §5 objective if `index` is placed in `candidateWeek` (negative: better).
    func addedCost(_ index: Int, week candidateWeek: Int) -> Double {
        let session = instance.sessions[index]
        let weights = instance.weights
        var cost = instance.placementCost(session, session.candidate(week: candidateWeek)!)
        for target in session.targets where visitWeeks[site(target, session.key.region)]?[candidateWeek] == nil {
            cost += weights.visit
        }
        for pool in Set(session.draws.map(\.pool)) {
            let soft = weights.balanceThreshold * instance.capacity(pool, week: candidateWeek)
            let before = load[pool]?[candidateWeek - 1] ?? 0
            let after = before + session.officerDays(pool)
            cost += weights.overload * (max(0, after - soft) - max(0, before - soft))
        }
        return cost
    }

    mutating func place(_ index: Int, week candidateWeek: Int) {
        adjust(index, week: candidateWeek, by: 1)
        week[index] = candidateWeek
    }

    mutating func unplace(_ index: Int) {
        guard let placedWeek = week[index] else { return }
        adjust(index, week: placedWeek, by: -1)
        week[index] = nil
    }

    private mutating func adjust(_ index: Int, week candidateWeek: Int, by sign: Int) {
        let session = instance.sessions[index]
        for pool in Set(session.draws.map(\.pool)) {
            if load[pool] == nil { load[pool] = Array(repeating: 0, count: instance.calendar.weekCount) }
            load[pool]![candidateWeek - 1] += Double(sign) * session.officerDays(pool)
        }
        for target in session.targets {
            let key = site(target, session.key.region)
            Self.count(&visitWeeks[key, default: [:]], candidateWeek, sign)
            for department in Set(session.draws.map(\.pool.department)) {
                Self.count(&departmentVisitWeeks[key + "\u{1F}" + department, default: [:]], candidateWeek, sign)
            }
        }
    }

    private static func count(_ weeks: inout [Int: Int], _ week: Int, _ sign: Int) {
        let value = (weeks[week] ?? 0) + sign
        weeks[week] = value > 0 ? value : nil
    }
}
