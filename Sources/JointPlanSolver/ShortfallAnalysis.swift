import JointPlanCore

/// What an over-committed year is short of (issue #6): the smallest extra capacity, in officer-days by
/// department, pool and week, that would let every savable mandatory session into the plan, and the
/// mandatory sessions no capacity could save, with the rule that blocks them.
///
/// The elastic model is the plan's MILP restricted to the mandatory sessions (plus pinned ones, which
/// stay where they are; everything else may be dropped, since only mandatory sessions must fit), in
/// which every capacity row gets a column of extra officer-days costing 1 per officer-day, and each
/// unplaced mandatory session costs more than all mandatory officer-days together. Every other objective
/// term is zero. So its optimum first places as many mandatory sessions as the non-capacity rules
/// (window, calendar, rounds, synchronisation, visit caps) allow, then needs the least extra capacity.
/// Weighting instead of forcing Σx = 1 keeps the model feasible when a cap or a round chain makes some
/// mandatory session impossible whatever the capacity: that session is left out and reported.
struct ShortfallAnalysis {
    struct Result {
        var records: [ShortfallRecord]
        var unsavable: [UnscheduledSession]
        /// Total extra officer-days.
        var total: Double
        /// The elastic MILP was solved to proven optimality (the shortfall is the minimum).
        var proven: Bool
    }

    let instance: PlanningInstance

    /// The analysis from the plan's placement (its start solution); nil when GLPK found no solution.
    func run(placement: [Int?], timeLimit: Double, language: ReasonLanguage) throws -> Result? {
        let sessions = instance.sessions
        let mandatory = sessions.indices.filter { sessions[$0].priority == .mandatory && sessions[$0].pinnedWeek == nil }
        let demand = mandatory.reduce(0.0) { total, index in
            total + Set(sessions[index].draws.map(\.pool)).reduce(0.0) { $0 + sessions[index].officerDays($1) }
        }
        var weights = ObjectiveWeights()
        weights.unscheduledMandatory = demand + 1
        (weights.unscheduledHigh, weights.unscheduledNormal, weights.unscheduledLow) = (0, 0, 0)
        (weights.visit, weights.outsidePreferred, weights.overload, weights.move) = (0, 0, 0, 0)
        var scenario = instance.scenario
        scenario.objective = weights

        let pinned = sessions.compactMap { session in session.pinnedWeek.map { PinnedSession(key: session.key, week: $0) } }
        let full = PlanningInstance(scenario: scenario, calendar: instance.calendar, pinned: pinned,
                                    earliestStart: instance.earliestStart)
        // Pinned sessions keep their week; other non-mandatory sessions leave the model.
        let around = sessions.indices.map { sessions[$0].pinnedWeek != nil ? placement[$0] : nil }
        let elastic = full.restricted(freeing: Set(mandatory), around: around)
        let model = ModelBuilder.build(elastic, elasticCost: 1)
        let start = sessions.indices.map { index in mandatory.contains(index) || sessions[index].pinnedWeek != nil
            ? placement[index] : nil }
        let outcome = try GLPKBackend.solve(model.linear, start: model.solution(for: start), timeLimit: timeLimit,
                                            gap: 0, progress: nil)
        guard let values = outcome.values else { return nil }
        let placed = model.placement(from: values)

        // What the pinned sessions alone overrun is a pinned conflict, reported as such and in the past:
        // more staff there would let nothing in, so it is not part of the shortfall.
        var pinnedOverrun: [PoolKey: [Int: Double]] = [:]
        for session in sessions {
            guard let week = session.pinnedWeek else { continue }
            for pool in Set(session.draws.map(\.pool)) {
                pinnedOverrun[pool, default: [:]][week, default: 0] += session.officerDays(pool)
            }
        }
        for (pool, weeks) in pinnedOverrun {
            for (week, load) in weeks { pinnedOverrun[pool]![week] = max(0, load - instance.capacity(pool, week: week)) }
        }
        // Extra officer-days per pool and week, grouped into runs of consecutive weeks with the same amount.
        var extras: [PoolKey: [(week: Int, amount: Double)]] = [:]
        for (pool, week, column) in model.extraColumns {
            let bought = values[column] - (pinnedOverrun[pool]?[week] ?? 0)
            let amount = (bought * 1e6).rounded() / 1e6
            if amount > 1e-6 { extras[pool, default: []].append((week, amount)) }
        }
        var records: [ShortfallRecord] = []
        for pool in extras.keys.sorted() {
            for (week, amount) in extras[pool]!.sorted(by: { $0.week < $1.week }) {
                if let last = records.last, last.department == pool.department, last.pool == pool.pool,
                   last.weeks.last == week - 1, abs(last.officerDaysPerWeek - amount) < 1e-6 {
                    records[records.count - 1].weeks.append(week)
                    records[records.count - 1].officerDays += amount
                } else {
                    records.append(ShortfallRecord(department: pool.department, pool: pool.pool, weeks: [week],
                                                   officerDaysPerWeek: amount, officerDays: amount))
                }
            }
        }

        // Mandatory sessions the elastic optimum leaves out: explained with capacity out of the way.
        let unlimited = PlanningInstance(scenario: Self.unlimitedCapacity(scenario), calendar: instance.calendar,
                                         pinned: pinned, earliestStart: instance.earliestStart)
        let explainer = Explainer(instance: unlimited, placement: placed)
        let text = ReasonText(scenario: instance.scenario, language: language)
        let unsavable = mandatory.filter { placed[$0] == nil }.map { index in
            let key = sessions[index].key
            return UnscheduledSession(request: key.request, round: key.round, region: key.region,
                                      priority: Priority.mandatory.rawValue,
                                      reasons: explainer.explanation(for: index).map(text.lines) ?? [])
        }.sorted { ($0.request, $0.round, $0.region) < ($1.request, $1.round, $1.region) }
        return Result(records: records, unsavable: unsavable, total: records.reduce(0) { $0 + $1.officerDays },
                      proven: outcome.provenOptimal)
    }

    /// The scenario with so many officers, always available, that capacity never binds.
    static func unlimitedCapacity(_ scenario: Scenario) -> Scenario {
        var copy = scenario
        for index in copy.departments.indices {
            copy.departments[index].staff = copy.departments[index].staff.map { Entry($0.key, 1e9) }
            copy.departments[index].share = 1
            copy.departments[index].unavailable = []
        }
        return copy
    }
}
