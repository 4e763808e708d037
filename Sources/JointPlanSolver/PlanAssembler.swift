import JointPlanCore

/// Turns a placement (session → week) into the §6 plan: sessions with their days and pools, merged
/// visits, loads, KPIs, and the exact §5 objective of that placement.
struct PlanAssembler {
    let instance: PlanningInstance

    /// The §5 objective of a placement, term by term (what `solver.objective` must equal).
    func objective(_ placement: [Int?]) -> Double {
        let weights = instance.weights
        var total = 0.0
        var visits = Set<String>()
        for (index, session) in instance.sessions.enumerated() {
            guard let week = placement[index], let candidate = session.candidate(week: week) else {
                total += weights.unscheduled(session.priority)
                continue
            }
            if !candidate.inPreferred { total += weights.outsidePreferred }
            if let reference = session.referenceWeek, reference != week { total += weights.move }
            for target in session.targets { visits.insert("\(target)\u{1F}\(session.key.region)\u{1F}\(week)") }
        }
        total += weights.visit * Double(visits.count)
        total += weights.overload * loads(placement).reduce(0.0) { $0 + $1.overload }
        return total
    }

    /// A cheap valid lower bound: each session on its own costs at least the cheaper of being left out
    /// and its cheapest placement's preference and move terms (visits and overload are never negative).
    func separableBound() -> Double {
        instance.sessions.reduce(0.0) { total, session in
            let placed = session.candidates.map { candidate in
                instance.placementCost(session, candidate) + instance.weights.unscheduled(session.priority)
            }.min()
            return total + min(instance.weights.unscheduled(session.priority), placed ?? .infinity)
        }
    }

    struct Load {
        var pool: PoolKey
        var week: Int
        var used: Double
        var capacity: Double
        var overload: Double
    }

    /// Loads of every (department, pool, week) with work in it, sorted by keys.
    func loads(_ placement: [Int?]) -> [Load] {
        var used: [PoolKey: [Int: Double]] = [:]
        for (index, session) in instance.sessions.enumerated() {
            guard let week = placement[index] else { continue }
            for pool in Set(session.draws.map(\.pool)) { used[pool, default: [:]][week, default: 0] += session.officerDays(pool) }
        }
        let threshold = instance.weights.balanceThreshold
        return used.keys.sorted().flatMap { pool in
            used[pool]!.sorted { $0.key < $1.key }.map { week, amount in
                let capacity = instance.capacity(pool, week: week)
                return Load(pool: pool, week: week, used: amount, capacity: capacity,
                            overload: max(0, amount - threshold * capacity))
            }
        }
    }

    func document(placement: [Int?], solver: SolverSummary, digest: String,
                  reasons: (Int) -> [String]) -> PlanDocument {
        let scenario = instance.scenario
        var sessions: [PlannedSession] = []
        var unscheduled: [UnscheduledSession] = []
        var visits: [String: (target: String, region: String, week: Int, requests: Set<String>)] = [:]
        var unmergedVisits = 0
        for (index, session) in instance.sessions.enumerated() {
            let key = session.key
            guard let week = placement[index], let candidate = session.candidate(week: week) else {
                unscheduled.append(UnscheduledSession(request: key.request, round: key.round, region: key.region,
                                                      priority: session.priority.rawValue, reasons: reasons(index)))
                continue
            }
            var officers: [String: Int] = [:]
            var pools: [String: String] = [:]
            for draw in session.draws {
                officers[draw.pool.department] = draw.officersPerDay
                pools[draw.pool.department] = draw.pool.pool
            }
            sessions.append(PlannedSession(
                request: key.request, round: key.round, region: key.region, week: week,
                days: candidate.days.map(\.iso), officers: officers, pools: pools, targets: session.targets,
                inPreferred: candidate.inPreferred, pinned: session.pinnedWeek != nil))
            for target in session.targets {
                unmergedVisits += 1
                let id = "\(target)\u{1F}\(key.region)\u{1F}\(week)"
                visits[id, default: (target, key.region, week, [])].requests.insert(key.request)
            }
        }
        sessions.sort { ($0.week, $0.region, $0.request, $0.round) < ($1.week, $1.region, $1.request, $1.round) }
        unscheduled.sort { ($0.request, $0.round, $0.region) < ($1.request, $1.round, $1.region) }
        let visitRecords = visits.values
            .map { VisitRecord(target: $0.target, region: $0.region, week: $0.week, requests: $0.requests.sorted()) }
            .sorted { ($0.target, $0.region, $0.week) < ($1.target, $1.region, $1.week) }

        let loads = loads(placement)
        var overload: [String: Double] = [:]
        var peak: [String: Double] = [:]
        for department in scenario.departments {
            overload[department.id] = 0
            peak[department.id] = 0
        }
        for load in loads {
            overload[load.pool.department, default: 0] += load.overload
            if load.capacity > 0 {
                peak[load.pool.department] = max(peak[load.pool.department] ?? 0, load.used / load.capacity)
            }
        }
        let moved = instance.sessions.indices.filter { index in
            guard let week = placement[index], let reference = instance.sessions[index].referenceWeek else { return false }
            return week != reference
        }.count
        let kpis = PlanKPIs(
            sessions: instance.sessions.count, scheduled: sessions.count,
            mandatoryUnscheduled: unscheduled.filter { $0.priority == Priority.mandatory.rawValue }.count,
            visits: visitRecords.count, visitsIfUnmerged: unmergedVisits,
            outsidePreferred: sessions.filter { !$0.inPreferred }.count,
            overloadOfficerDays: overload, peakUtilisation: peak, moved: moved)
        return PlanDocument(
            scenario: ScenarioReference(name: scenario.name, year: scenario.year, digest: digest),
            solver: solver, sessions: sessions, unscheduled: unscheduled, visits: visitRecords,
            load: loads.map { LoadRecord(department: $0.pool.department, pool: $0.pool.pool, week: $0.week,
                                         used: $0.used, capacity: $0.capacity) },
            kpis: kpis)
    }
}
