import GLPK
import JointPlanCore

/// A lower bound for models whose LP relaxation is too big to solve in time: the sessions are split into
/// units of whole regions, each unit's LP relaxation is solved alone, and the optima add up.
///
/// Valid because dropping the couplings between units only relaxes: a pool shared by two units lets each
/// use its whole capacity; its overload splits as Σ_u max(0, L_u − T) ≤ max(0, Σ_u L_u − T); a
/// synchronised round keeps its week only inside each unit; visits are per (target, region) and never
/// split, since units are whole regions. Units grow by joining the regions of one pool, pools drawn on
/// by fewest regions first, while the unit stays under `unitLimit` sessions, so most county pools stay
/// whole and only the widest (city, province) pools are cut.
struct RegionalBound {
    let instance: PlanningInstance
    var unitLimit = 250

    /// The units: sets of session indices, each a union of regions, in order of their first session.
    func units() -> [[Int]] {
        var regionOf: [String: Int] = [:]
        var regions: [String] = []
        var sessionsOf: [[Int]] = []
        for (index, session) in instance.sessions.enumerated() {
            let region = session.key.region
            if regionOf[region] == nil {
                regionOf[region] = regions.count
                regions.append(region)
                sessionsOf.append([])
            }
            sessionsOf[regionOf[region]!].append(index)
        }
        var parent = Array(regions.indices)
        var size = sessionsOf.map(\.count)
        func root(_ region: Int) -> Int {
            var current = region
            while parent[current] != current { current = parent[current] }
            return current
        }
        var regionsOfPool: [PoolKey: Set<Int>] = [:]
        for session in instance.sessions {
            for draw in session.draws { regionsOfPool[draw.pool, default: []].insert(regionOf[session.key.region]!) }
        }
        let pools = regionsOfPool.keys.sorted { (regionsOfPool[$0]!.count, $0) < (regionsOfPool[$1]!.count, $1) }
        for pool in pools {
            let roots = Set(regionsOfPool[pool]!.map(root)).sorted()
            guard roots.count > 1, roots.reduce(0, { $0 + size[$1] }) <= unitLimit else { continue }
            for other in roots.dropFirst() {
                parent[other] = roots[0]
                size[roots[0]] += size[other]
            }
        }
        var units: [Int: [Int]] = [:]
        for region in regions.indices { units[root(region), default: []] += sessionsOf[region] }
        return units.values.map { $0.sorted() }.sorted { $0[0] < $1[0] }
    }

    /// Σ over units of the unit's LP optimum (or, when its LP does not finish by `deadline`, the unit's
    /// per-session bound). Nil when there is only one unit (the whole LP is the better bound then).
    func bound(deadline: Double, clock: () -> Double) throws -> Double? {
        let units = units()
        guard units.count > 1 else { return nil }
        let weight = instance.sessions.map { instance.weights.unscheduled($0.priority) }
        let allWeights = weight.reduce(0, +)
        var total = 0.0
        for unit in units {
            // Sessions outside the unit get no candidate week: no columns, only their constant weight.
            let sub = instance.restricted(freeing: Set(unit), around: Array(repeating: nil, count: instance.sessions.count))
            let own = unit.reduce(0.0) { $0 + weight[$1] }
            let model = ModelBuilder.build(sub)
            let remaining = deadline - clock()
            var unitBound = PlanAssembler(instance: sub).separableBound() - (allWeights - own)
            if remaining > 0.1 {
                let result = try GLPKBackend.relaxation(model.linear, timeLimit: remaining.isFinite ? remaining : nil)
                if result.status == .optimal, let objective = result.objective {
                    unitBound = max(unitBound, objective - model.linear.constant + own)
                }
            }
            total += max(0, unitBound)
        }
        return total
    }
}
