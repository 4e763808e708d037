import JointPlanCore

/// Week-by-week reasons computed against a final plan: the plan's sessions are placed into a
/// `PlacementState`, and for each week of the year the first hard rule that keeps the session out of it
/// (`PlacementState.blocker`) is turned into a `WeekReason`. Needs no solver: `explain` recomputes the
/// reasons from the scenario and a plan file alone.
struct Explainer {
    let instance: PlanningInstance
    let placement: [Int?]
    private let state: PlacementState
    private let displacements: Displacement

    init(instance: PlanningInstance, placement: [Int?]) {
        self.instance = instance
        self.placement = placement
        var state = PlacementState(instance)
        for (index, week) in placement.enumerated() { if let week { state.place(index, week: week) } }
        self.state = state
        displacements = Displacement(instance)
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
            let move = instance.moveCost(session, week: week)
            return cost >= -1e-9 ? .costsMore(cost: cost + weight, saved: weight, move: move) : .notTried
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
        // A rule that keeps the session out comes first, also in weeks outside the preferred range: "outside
        // preferred" alone hid why an earlier week, no worse on preference, was not taken (Wuwei's Y01
        // round 2, weeks 36–37: its round gap of 10 weeks from week 28).
        if let blocker = trial.blocker(index, week: week) { return reason(for: blocker, session: session, state: trial) }
        if !candidate.inPreferred { return .outsidePreferred }
        let delta = trial.addedCost(index, week: week) - currentCost
        // In a re-plan, leaving the published week costs the move weight (coming back to it saves it).
        let move = instance.moveCost(session, week: week) - instance.moveCost(session, week: current)
        return delta >= -1e-9 ? .moveCostsMore(delta: delta, move: move) : .moveWouldPay(saving: -delta)
    }

    /// H2 and H7 in detail: window first (the request's own rule), then the week's open working days.
    func eligibilityReason(_ session: SessionInfo, week: Int) -> WeekReason {
        if let pinned = session.pinnedWeek, pinned != week { return .pinned(week: pinned) }
        let request = instance.scenario.requests[session.requestIndex]
        let calendar = instance.calendar
        let window = request.window ?? DateRange(from: calendar.firstDay, to: calendar.lastDay)
        let closures = instance.scenario.region(session.key.region)?.closed.map(\.range) ?? []
        let working = calendar.workingDays(ofWeek: week)
        let open = working.filter { day in !closures.contains { $0.contains(day) } }
        // The past first: whatever else holds in a week before the freeze date no longer matters.
        if let earliest = instance.earliestStart, let first = open.first, first < earliest {
            return .beforeFreeze(date: earliest.iso)
        }
        if !calendar.dates(ofWeek: week).contains(where: window.contains) { return .outsideWindow }
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
        var trial = state
        // At most `Displacement.limit` sessions in all (`clear` lets its last batch go past it).
        guard let removed = displacements.clear(index, week: week, in: &trial), !removed.isEmpty,
              removed.count <= Displacement.limit else { return nil }
        let displaced = removed.map(\.session)
        let cost = displaced.reduce(0.0) { $0 + instance.weights.unscheduled(instance.sessions[$1].priority) }
        let sessions = displaced.sorted { instance.sessions[$0].key < instance.sessions[$1].key }
            .map { DisplacedSession(key: instance.sessions[$0].key, priority: instance.sessions[$0].priority) }
        return .displace(blocker: first, sessions: sessions, cost: cost)
    }
}
