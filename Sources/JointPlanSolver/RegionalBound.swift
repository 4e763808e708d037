import GLPK
import JointPlanCore

/// A lower bound from the model cut into units of whole regions: each unit is solved alone and the
/// optima (or the units' own proven bounds) add up. Small units are solved by branch-and-cut, which is
/// where the bound gains most: the LP of the whole model half-merges sessions across weeks, a unit's
/// branch-and-cut does not (Wuwei 2025: the whole LP, tightened, gives 7,780.7; the four counties
/// solved exactly give 7,971.0 against an optimum of 7,985.0). Large units keep their LP relaxation.
///
/// Valid because dropping the couplings between units only relaxes: a pool shared by two units lets each
/// use its whole capacity; its overload splits as Σ_u max(0, L_u − T) ≤ max(0, Σ_u L_u − T); a
/// synchronised round keeps its week only inside each unit; visits are per (target, region) and never
/// split, since units are whole regions. Units grow by joining the regions of one pool, pools drawn on
/// by fewest regions first, while the unit stays under `unitLimit` sessions, so most county pools stay
/// whole and only the widest (city, province) pools are cut. Where that limit cuts pools that many units
/// lean on (a county pool over its townships), coarse units of up to a few hundred sessions give the LP
/// bound back (`coarseBounds`).
struct RegionalBound {
    let instance: PlanningInstance
    var unitLimit = 250
    /// Branch-and-cut nodes per unit (0: LP relaxations only). A node count, not the clock, so the bound is
    /// the same on every run.
    var nodeLimit = 0
    /// Units with more binaries than this keep their LP relaxation (branch-and-cut on them is too slow to
    /// raise the bound within the time limit).
    var branchingBinaryLimit = 6_000

    /// The units: sets of session indices, each a union of regions, in order of their first session.
    /// `coarsening`: units to start from (each stays whole), so the result is a coarsening of them; with a
    /// larger `limit` than theirs it joins them further (`coarseBounds`).
    func units(limit: Int? = nil, coarsening: [[Int]] = []) -> [[Int]] {
        let limit = limit ?? unitLimit
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
        func join(_ roots: [Int]) {
            for other in roots.dropFirst() {
                parent[other] = roots[0]
                size[roots[0]] += size[other]
            }
        }
        for unit in coarsening {
            join(Set(unit.map { root(regionOf[instance.sessions[$0].key.region]!) }).sorted())
        }
        var regionsOfPool: [PoolKey: Set<Int>] = [:]
        for session in instance.sessions {
            for draw in session.draws { regionsOfPool[draw.pool, default: []].insert(regionOf[session.key.region]!) }
        }
        let pools = regionsOfPool.keys.sorted { (regionsOfPool[$0]!.count, $0) < (regionsOfPool[$1]!.count, $1) }
        for pool in pools {
            let roots = Set(regionsOfPool[pool]!.map(root)).sorted()
            guard roots.count > 1, roots.reduce(0, { $0 + size[$1] }) <= limit else { continue }
            join(roots)
        }
        var units: [Int: [Int]] = [:]
        for region in regions.indices { units[root(region), default: []] += sessionsOf[region] }
        return units.values.map { $0.sorted() }.sorted { $0[0] < $1[0] }
    }

    /// Units joined again under `limit` (a coarsening of `units()`), for those that join several units:
    /// the indices of the units they join and their `unitBound` from the LP relaxation (coarse units not
    /// reached by `deadline` are left out; `start`, a plan, decides the order). Cutting a pool shared by
    /// many small units loses most of the bound: on a generated city planned down to townships (1,500
    /// sessions) the units' LPs sum to 95,179 at 60 sessions a unit and to 136,039 at 400 (whole counties;
    /// the whole model's LP is 136,049, and GLPK does not solve it within the minute).
    func coarseBounds(limit: Int, start: [Int?]? = nil, deadline: Double, clock: () -> Double) throws -> [CoarseUnit] {
        let fine = units()
        var fineOf: [Int: Int] = [:]
        for (index, unit) in fine.enumerated() { for session in unit { fineOf[session] = index } }
        var lpOnly = self
        lpOnly.nodeLimit = 0
        let coarse = units(limit: limit, coarsening: fine)
        // One unit of everything is the whole model, whose LP is the relaxation job's business.
        guard coarse.count > 1 else { return [] }
        var result: [CoarseUnit] = []
        // Those where `start` leaves most out first (the units' LPs each assumed the pools they share had
        // room): on generated M the coarse unit whose townships the start leaves 49,000 out of adds 38,800 of
        // the 41,100 the eight add, and comes first (last by session order).
        func leftOut(_ unit: [Int]) -> Double {
            guard let start else { return 0 }
            return unit.filter { start[$0] == nil }
                .reduce(0.0) { $0 + instance.weights.unscheduled(instance.sessions[$1].priority) }
        }
        let ordered = coarse.map { (unit: $0, left: leftOut($0)) }
            .sorted { (-$0.left, $0.unit[0]) < (-$1.left, $1.unit[0]) }.map(\.unit)
        for unit in ordered {
            let parts = Set(unit.map { fineOf[$0]! }).sorted()
            guard parts.count > 1 else { continue }
            guard deadline - clock() > 0.1 else { break }
            result.append(CoarseUnit(parts: parts, bound: try lpOnly.unitBound(unit, start: nil, deadline: deadline,
                                                                                clock: clock)))
        }
        return result
    }

    /// A coarse unit: the units it joins (indices into `units()`) and its bound.
    struct CoarseUnit: Sendable {
        var parts: [Int]
        var bound: Double
    }

    /// The bound of the units with the coarse units over them: each coarse unit counts the better of its
    /// own bound and the sum of its parts' (both bound the same sessions; the parts may have been raised
    /// by branch-and-cut since).
    static func total(_ unitBounds: [Double], coarse: [CoarseUnit]) -> Double {
        coarse.reduce(unitBounds.reduce(0, +)) { total, unit in
            total + max(0, unit.bound - unit.parts.reduce(0.0) { $0 + unitBounds[$1] })
        }
    }

    /// Σ over units of `unitBound`. Nil when there is only one unit (the whole model is the better bound then).
    func bound(start: [Int?]? = nil, deadline: Double, clock: () -> Double) throws -> Double? {
        try unitBounds(start: start, deadline: deadline, clock: clock).map { $0.reduce(0, +) }
    }

    /// `unitBound` of each unit, in the order of `units()`; nil when there is only one unit. `lpBounds`:
    /// the units' LP bounds when already known (from a run without branching), so they are not solved again.
    func unitBounds(start: [Int?]? = nil, lpBounds: [Double]? = nil, deadline: Double,
                    clock: () -> Double) throws -> [Double]? {
        let units = units()
        guard units.count > 1 else { return nil }
        return try units.indices.map { index in
            try unitBound(units[index], start: start, lpBound: lpBounds?[index], deadline: deadline, clock: clock)
        }
    }

    /// A proven lower bound on the objective terms of `unit`'s sessions and sites with every other session
    /// left out: from branch-and-cut (with `start` restricted to the unit as its first incumbent) when
    /// `nodeLimit` > 0 and the unit is small; from its LP relaxation (`lpBound` when given); at least its
    /// per-session bound (all that is left when `deadline` has passed: no model is built then).
    func unitBound(_ unit: [Int], start: [Int?]?, lpBound: Double? = nil, deadline: Double,
                   clock: () -> Double) throws -> Double {
        let nobody = [Int?](repeating: nil, count: instance.sessions.count)
        // Sessions outside the unit get no candidate week: no columns. Their unscheduled weights leave
        // the constant too, so the objective is the unit's own: GLPK's tolerances are relative to the
        // objective value, and under a constant of 10⁷ it prunes nodes within a few units of the
        // incumbent (measured: a county "proven" at 1,863.63 whose optimum is 1,860.63).
        let members = Set(unit)
        let sub = instance.restricted(freeing: members, around: nobody)
        let others = instance.sessions.indices.reduce(0.0) { total, index in
            members.contains(index) ? total : total + instance.weights.unscheduled(instance.sessions[index].priority)
        }
        var bound = max(PlanAssembler(instance: sub).separableBound() - others, lpBound ?? -.infinity)
        // Building a unit's model takes a good part of a second on a province: not after the deadline, nor
        // for branch-and-cut once the caller has cancelled the solver thread (LPs always run: callers rely
        // on their bounds being the same on every run).
        let cancelled = nodeLimit > 0 && SolverThread.currentCancellation?.isCancelled == true
        guard deadline - clock() > 0.1, !cancelled else { return max(0, bound) }
        var model = ModelBuilder.build(sub)
        model.linear.constant -= others
        let binaries = model.linear.columns.count { $0.kind == .binary }
        if nodeLimit > 0, binaries <= branchingBinaryLimit, deadline - clock() > 0.5 {
            let outcome = try GLPKBackend.solve(model.linear, start: model.solution(for: start ?? nobody),
                                                timeLimit: deadline - clock(), gap: 1e-6, nodeLimit: nodeLimit,
                                                progress: nil)
            if let proven = outcome.bound { bound = max(bound, proven) }
        } else if lpBound == nil, deadline - clock() > 0.1 {
            let remaining = deadline - clock()
            let result = try GLPKBackend.relaxation(model.linear, timeLimit: remaining.isFinite ? remaining : nil)
            if result.status == .optimal, let objective = result.objective { bound = max(bound, objective) }
        }
        return max(0, bound)
    }
}
