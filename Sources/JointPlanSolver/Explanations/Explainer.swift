import JointPlanCore

/// Week-by-week reasons computed against a final plan: the plan's sessions are placed into a
/// `PlacementState`, and for each week of the year the first hard rule that keeps the session out of it
/// (`PlacementState.blocker`) is turned into a `WeekReason`. Needs no solver: `explain` recomputes the
/// reasons from the scenario and a plan file alone.
struct Explainer {
    let instance: PlanningInstance
    let placement: [Int?]
    private let state: PlacementState
    /// Session → the later rounds of its chain (H4: they go when it goes).
    private let laterRounds: [Int: [Int]]

    /// At most this many placed sessions are tried for one displacement.
    static let displacementLimit = 12

    init(instance: PlanningInstance, placement: [Int?]) {
        self.instance = instance
        self.placement = placement
        var state = PlacementState(instance)
        for (index, week) in placement.enumerated() { if let week { state.place(index, week: week) } }
        self.state = state
        var later: [Int: [Int]] = [:]
        for chain in instance.roundChains {
            for (position, index) in chain.enumerated() { later[index] = Array(chain[(position + 1)...]) }
        }
        laterRounds = later
    }

    /// Sessions with something to explain: unscheduled, or placed outside their preferred range.
    var explainedSessions: [Int] {
        instance.sessions.indices.filter { index in
            guard let week = placement[index] else { return true }
            return instance.sessions[index].candidate(week: week)?.inPreferred == false
        }
    }

    /// The explanation of session `index`, or nil when it is placed inside its preferred range.
    func explanation(for index: Int) -> SessionExplanation? {
        let session = instance.sessions[index]
        let weeks = instance.calendar.weeks
        if let current = placement[index] {
            guard session.candidate(week: current)?.inPreferred == false else { return nil }
            var trial = state
            trial.unplace(index)
            let currentCost = trial.addedCost(index, week: current)
            let reasons = weeks.map { week in
                (week, placedReason(index, week: week, current: current, currentCost: currentCost, state: trial))
            }
            return SessionExplanation(key: session.key, priority: session.priority,
                                      status: .outsidePreferred(week: current), lines: SessionExplanation.group(reasons))
        }
        let reasons = weeks.map { week in (week, unscheduledReason(index, week: week)) }
        return SessionExplanation(key: session.key, priority: session.priority, status: .unscheduled,
                                  lines: SessionExplanation.group(reasons))
    }

    // MARK: One week

    private func unscheduledReason(_ index: Int, week: Int) -> WeekReason {
        let session = instance.sessions[index]
        if let pinned = session.pinnedWeek, pinned != week { return .pinned(week: pinned) }
        guard let blocker = state.blocker(index, week: week) else {
            let weight = instance.weights.unscheduled(session.priority)
            let cost = state.addedCost(index, week: week)
            return cost >= -1e-9 ? .costsMore(cost: cost + weight, saved: weight) : .notTried
        }
        if case .notEligible = blocker { return eligibilityReason(session, week: week) }
        let reason = reason(for: blocker, session: session, state: state)
        return displacement(index, week: week, blocker: reason) ?? reason
    }

    private func placedReason(_ index: Int, week: Int, current: Int, currentCost: Double,
                              state trial: PlacementState) -> WeekReason {
        let session = instance.sessions[index]
        if week == current { return .placedHere }
        if let pinned = session.pinnedWeek, pinned != week { return .pinned(week: pinned) }
        guard let candidate = session.candidate(week: week) else { return eligibilityReason(session, week: week) }
        if !candidate.inPreferred { return .outsidePreferred }
        if let blocker = trial.blocker(index, week: week) { return reason(for: blocker, session: session, state: trial) }
        let delta = trial.addedCost(index, week: week) - currentCost
        return delta >= -1e-9 ? .moveCostsMore(delta: delta) : .moveWouldPay(saving: -delta)
    }

    /// H2 and H7 in detail: window first (the request's own rule), then the week's open working days.
    func eligibilityReason(_ session: SessionInfo, week: Int) -> WeekReason {
        if let pinned = session.pinnedWeek, pinned != week { return .pinned(week: pinned) }
        let request = instance.scenario.requests[session.requestIndex]
        let calendar = instance.calendar
        let window = request.window ?? DateRange(from: calendar.firstDay, to: calendar.lastDay)
        if !calendar.dates(ofWeek: week).contains(where: window.contains) { return .outsideWindow }
        let closures = instance.scenario.region(session.key.region)?.closed.map(\.range) ?? []
        let working = calendar.workingDays(ofWeek: week)
        let open = working.filter { day in !closures.contains { $0.contains(day) } }
        if open.count < session.durationDays {
            return .tooFewWorkingDays(open: open.count, needed: session.durationDays,
                                      closedRegion: open.count < working.count ? session.key.region : nil)
        }
        return .outsideWindow
    }

    /// A blocker in domain terms, with the requests behind a visit conflict.
    private func reason(for blocker: Blocker, session: SessionInfo, state: PlacementState) -> WeekReason {
        let region = session.key.region
        switch blocker {
        case .notEligible:
            return .outsideWindow
        case .capacity(let pool, let needed, let free):
            return .capacity(department: pool.department, pool: pool.pool, needed: needed, free: free)
        case .previousRoundUnplaced(let round):
            return .previousRoundUnplaced(round: round)
        case .roundGap(let round, let week, let gap):
            return .roundGap(round: round, week: week, gap: gap)
        case .synchronised(let partner, let week):
            return .synchronised(region: partner, week: week)
        case .revisit(let target, let week, let minRevisit):
            let requests = Set(state.sessions(visiting: target, region: region, week: week)
                .map { instance.sessions[$0].key.request }).sorted()
            return .revisit(target: target, region: region, requests: requests, week: week, minRevisit: minRevisit)
        case .yearCap(let target, let cap):
            return .yearCap(target: target, region: region, cap: cap)
        case .departmentCap(let target, let department, let cap):
            return .departmentCap(target: target, region: region, department: department, cap: cap)
        }
    }

    // MARK: Displacement

    /// When capacity or visits of lower-priority placed sessions are all that keeps session `index` out of
    /// `week`: the sessions placing it would push out (with their later rounds) and their unscheduled
    /// weights. Nil when a rule of equal or higher priority, or a structural rule, stands in the way.
    private func displacement(_ index: Int, week: Int, blocker first: WeekReason) -> WeekReason? {
        let session = instance.sessions[index]
        var trial = state
        var displaced: [Int] = []
        while displaced.count <= Self.displacementLimit {
            guard let blocker = trial.blocker(index, week: week) else {
                guard !displaced.isEmpty else { return nil }
                let cost = displaced.reduce(0.0) { $0 + instance.weights.unscheduled(instance.sessions[$1].priority) }
                let sessions = displaced.sorted { instance.sessions[$0].key < instance.sessions[$1].key }
                    .map { DisplacedSession(key: instance.sessions[$0].key, priority: instance.sessions[$0].priority) }
                return .displace(blocker: first, sessions: sessions, cost: cost)
            }
            guard let victims = victims(of: blocker, session: session, week: week, state: trial)?
                .filter({ trial.week[$0] != nil }), !victims.isEmpty else { return nil }
            for victim in victims {
                trial.unplace(victim)
                displaced.append(victim)
            }
        }
        return nil
    }

    /// Placed sessions whose removal lifts (or helps lift) `blocker`, all of lower priority than `session`
    /// and removable with their later rounds; nil when there are none.
    private func victims(of blocker: Blocker, session: SessionInfo, week: Int, state: PlacementState) -> [Int]? {
        let region = session.key.region
        func removable(_ index: Int) -> [Int]? {
            let info = instance.sessions[index]
            guard info.priority < session.priority, info.pinnedWeek == nil else { return nil }
            let later = (laterRounds[index] ?? []).filter { state.week[$0] != nil }
            guard later.allSatisfy({ instance.sessions[$0].pinnedWeek == nil }) else { return nil }
            return [index] + later
        }
        /// All of `members` go, or none.
        func all(_ members: [Int]) -> [Int]? {
            var result: [Int] = []
            for member in members {
                guard let group = removable(member) else { return nil }
                result += group.filter { !result.contains($0) }
            }
            return result.isEmpty ? nil : result
        }
        func cost(_ members: [Int]) -> Double {
            members.reduce(0.0) { $0 + instance.weights.unscheduled(instance.sessions[$1].priority) }
        }
        /// The cheapest visit week of the target to empty (the earliest on a tie).
        func cheapestWeek(_ target: String, department: String?) -> [Int]? {
            var byWeek: [Int: [Int]] = [:]
            for index in instance.sessions.indices {
                guard let placed = state.week[index], instance.sessions[index].key.region == region,
                      instance.sessions[index].targets.contains(target) else { continue }
                if let department, !instance.sessions[index].draws.contains(where: { $0.pool.department == department }) {
                    continue
                }
                byWeek[placed, default: []].append(index)
            }
            var best: (cost: Double, members: [Int])?
            for visitWeek in byWeek.keys.sorted() {
                guard let members = all(byWeek[visitWeek]!) else { continue }
                let value = cost(members)
                if best == nil || value < best!.cost - 1e-9 { best = (value, members) }
            }
            return best?.members
        }

        switch blocker {
        case .capacity(let pool, _, _):
            let candidates = instance.sessions.indices.filter { index in
                state.week[index] == week && instance.sessions[index].draws.contains { $0.pool == pool }
            }.compactMap { index in removable(index).map { (index, $0) } }
            // The lowest priority first, then the one freeing the most officer-days.
            let victim = candidates.min { a, b in
                let (x, y) = (instance.sessions[a.0], instance.sessions[b.0])
                if x.priority != y.priority { return x.priority < y.priority }
                let (dx, dy) = (x.officerDays(pool), y.officerDays(pool))
                if dx != dy { return dx > dy }
                return a.0 < b.0
            }
            return victim?.1
        case .revisit(let target, let visitWeek, _):
            return all(state.sessions(visiting: target, region: region, week: visitWeek))
        case .yearCap(let target, _):
            return cheapestWeek(target, department: nil)
        case .departmentCap(let target, let department, _):
            return cheapestWeek(target, department: department)
        case .notEligible, .previousRoundUnplaced, .roundGap, .synchronised:
            return nil
        }
    }
}
