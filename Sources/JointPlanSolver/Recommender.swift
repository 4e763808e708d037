import JointPlanCore

/// `recommend` (§7): the best weeks for one new request with the current plan fixed or minimally changed.
///
/// One option per start week w of the request: its first round starts in week w (the request's window
/// is narrowed to start that week; a one-round request gets exactly that week). Every session of the
/// current plan is pinned where it is, except its neighbours (sessions sharing a department or an
/// enterprise category with the request, within a few weeks of w), which may move at the `move` cost.
/// Each option is solved exactly by GLPK (the free part is small), so an option moves a session only
/// when that is cheaper than not placing the request. Options are ranked by the change of the §5
/// objective against the current plan.
public enum Recommender {
    public struct Option: Sendable {
        /// The week the request's first round starts in.
        public var week: Int
        /// The plan with the request placed (for the scenario that holds the request).
        public var plan: PlanDocument
        /// Objective of `plan` minus the objective of the current plan.
        public var cost: Double
        /// The request's sessions placed, by key, with their weeks.
        public var placed: [(key: SessionKey, week: Int)]
        /// The request's sessions left unscheduled.
        public var unplaced: [SessionKey]
        /// Current-plan sessions this option moves.
        public var moved: [(key: SessionKey, from: Int, to: Int)]
        /// Current-plan sessions this option leaves unscheduled (cheaper than moving them, at the weights).
        public var dropped: [SessionKey]
        /// Sessions of other requests, unscheduled in the current plan, that this option places (a merged
        /// visit with the request can make room or pay for them).
        public var added: [(key: SessionKey, week: Int)]
    }

    /// Options for placing `requestID` of `scenario` into `current` (a plan of the scenario without it,
    /// or with its sessions left out), best first. `digest` is the scenario's digest for the plans.
    public static func recommend(scenario: Scenario, current: PlanDocument, requestID: String, digest: String,
                                 weeks requestedWeeks: [Int]? = nil, radius: Int = 4,
                                 timeLimit: Double = 20) throws -> [Option] {
        guard let request = scenario.request(requestID) else { return [] }
        let calendar: PlanCalendar
        do { calendar = try PlanCalendar(year: scenario.year, spec: scenario.calendar) } catch {
            throw PlannerError.calendar("\(error)")
        }
        // A re-planned current plan keeps its freeze date: nothing new starts in the past.
        let freeze = current.replan?.freezeUntil.flatMap(CivilDate.init(iso:))
        // Start weeks: where every region of the first round has a candidate week.
        let firstRound = request.regions.map { region in
            Set(PlanningInstance.candidates(request: request, region: region, scenario: scenario, calendar: calendar,
                                            earliestStart: freeze).map(\.week))
        }
        let startWeeks = (firstRound.dropFirst().reduce(firstRound.first ?? []) { $0.intersection($1) })
            .filter { requestedWeeks?.contains($0) ?? true }.sorted()

        let others = current.sessions.filter { $0.request != requestID && scenario.request($0.request) != nil }
        let departments = Set(request.departments)
        let sites = Set(request.targets.flatMap { target in request.regions.map { "\(target)\u{1F}\($0)" } })
        let reach = max(radius, request.targets.map { scenario.target($0)?.minRevisitWeeks ?? scenario.policy.minRevisitWeeks }.max() ?? 0)
        // The options are priced against the current plan as it stands: a re-planned current plan's own
        // moves (against its reference) are not theirs, so they leave its objective.
        let currentObjective = current.solver.objective - Double(current.kpis.moved) * scenario.objective.move

        var options: [Option] = []
        for week in startWeeks {
            var changed = scenario
            let index = changed.requests.firstIndex { $0.id == requestID }!
            let monday = calendar.firstMonday.adding(days: 7 * (week - 1))
            let window = request.window ?? DateRange(from: calendar.firstDay, to: calendar.lastDay)
            let end = request.rounds == 1 ? min(window.to, monday.adding(days: 6)) : window.to
            changed.requests[index].window = DateRange(from: max(window.from, monday), to: end)

            var planOptions = PlanOptions(timeLimit: timeLimit, gap: 1e-6, freezeUntil: freeze)
            for session in others {
                let key = SessionKey(request: session.request, round: session.round, region: session.region)
                planOptions.referenceWeeks[key] = session.week
                // A session the current plan pinned (a re-plan's frozen past) never moves.
                let neighbour = !session.pinned && abs(session.week - week) <= reach
                    && (!departments.isDisjoint(with: session.officers.keys)
                        || session.targets.contains { sites.contains("\($0)\u{1F}\(session.region)") })
                if !neighbour {
                    planOptions.pinned.append(PinnedSession(key: key, week: session.week,
                                                            days: session.days.compactMap(CivilDate.init(iso:))))
                }
            }
            var plan = try Planner.plan(scenario: changed, digest: digest, options: planOptions).document
            // The applied plan is an ordinary plan of the scenario: pinning was only how it was searched.
            let wasPinned = Dictionary(current.sessions.map { ("\($0.request)|\($0.round)|\($0.region)", $0.pinned) },
                                       uniquingKeysWith: { first, _ in first })
            for position in plan.sessions.indices {
                let session = plan.sessions[position]
                plan.sessions[position].pinned = wasPinned["\(session.request)|\(session.round)|\(session.region)"] ?? false
            }
            let placed = plan.sessions.filter { $0.request == requestID }
                .map { (key: SessionKey(request: $0.request, round: $0.round, region: $0.region), week: $0.week) }
            guard placed.contains(where: { $0.key.round == 1 && $0.week == week }) else { continue }
            let unplaced = plan.unscheduled.filter { $0.request == requestID }
                .map { SessionKey(request: $0.request, round: $0.round, region: $0.region) }
            let moved = plan.sessions.compactMap { session -> (key: SessionKey, from: Int, to: Int)? in
                let key = SessionKey(request: session.request, round: session.round, region: session.region)
                guard let from = planOptions.referenceWeeks[key], from != session.week else { return nil }
                return (key, from, session.week)
            }
            let stillPlaced = Set(plan.sessions.map { SessionKey(request: $0.request, round: $0.round, region: $0.region) })
            let dropped = planOptions.referenceWeeks.keys.filter { !stillPlaced.contains($0) }.sorted()
            // Adopted, the option is the current plan re-planned once more: it keeps the freeze date, and its
            // moves and dropped sessions are against the current plan (as its `kpis.moved` and objective are).
            if let record = current.replan {
                plan.replan = ReplanRecord(
                    freezeUntil: record.freezeUntil, pinned: plan.sessions.filter(\.pinned).count,
                    moved: moved.sorted { $0.key < $1.key }.map {
                        .init(request: $0.key.request, round: $0.key.round, region: $0.key.region, fromWeek: $0.from, toWeek: $0.to)
                    },
                    dropped: dropped.map {
                        .init(request: $0.request, round: $0.round, region: $0.region, week: planOptions.referenceWeeks[$0]!)
                    },
                    added: plan.sessions.map { SessionKey(request: $0.request, round: $0.round, region: $0.region) }
                        .filter { planOptions.referenceWeeks[$0] == nil },
                    conflicts: [])
            }
            let added = plan.sessions.filter { $0.request != requestID }
                .map { (key: SessionKey(request: $0.request, round: $0.round, region: $0.region), week: $0.week) }
                .filter { planOptions.referenceWeeks[$0.key] == nil }.sorted { $0.key < $1.key }
            options.append(Option(week: week, plan: plan, cost: plan.solver.objective - currentObjective,
                                  placed: placed.sorted { $0.key < $1.key }, unplaced: unplaced,
                                  moved: moved.sorted { $0.key < $1.key }, dropped: dropped, added: added))
        }
        return options.sorted { ($0.unplaced.count, $0.cost, $0.week) < ($1.unplaced.count, $1.cost, $1.week) }
    }
}
